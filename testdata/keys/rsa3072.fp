3072 MD5:31:ec:95:85:29:54:54:2d:fe:ac:59:8d:76:c1:3c:73 keyvet throwaway test key rsa3072 (RSA)
3072 SHA256:y/vBHse4Q9W5ZZr6x0SmnGJpKHQtkxkeBpHI4BHsxvk keyvet throwaway test key rsa3072 (RSA)
