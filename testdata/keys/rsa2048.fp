2048 MD5:1d:80:79:b4:b7:90:44:61:c5:80:01:b0:3a:44:ce:f8 keyvet throwaway test key rsa2048 (RSA)
2048 SHA256:7RLo/KKiZHfjhfzP2PhXsvhcovhYKmKa9T2MoKMOHB4 keyvet throwaway test key rsa2048 (RSA)
