8192 MD5:82:d8:24:b4:05:c0:ff:68:29:cc:75:af:0d:c5:72:3a keyvet throwaway test key rsa8192 (RSA)
8192 SHA256:t+CwVhNviy7kxJISUrMqj6U2PAWL/clUk4d2PE2D770 keyvet throwaway test key rsa8192 (RSA)
