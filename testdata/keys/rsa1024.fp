1024 MD5:99:74:de:5c:98:a4:67:ee:0d:96:b8:62:a7:e6:21:81 keyvet throwaway test key rsa1024 (RSA)
1024 SHA256:X9ptT2Rl7iQO17xAltkLIb2qd7StDhGGv2SmztWMVlE keyvet throwaway test key rsa1024 (RSA)
