1024 MD5:57:fd:2e:54:07:03:5b:cc:8c:a7:f4:2d:bc:87:ae:05 keyvet throwaway test key dsa1024 (DSA)
1024 SHA256:b5wYF/yqTRtB5E6Nxq2Z5PGLjsKXMKGX2iw1vtuIE5M keyvet throwaway test key dsa1024 (DSA)
