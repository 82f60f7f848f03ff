384 MD5:4f:21:a6:1a:ab:72:ca:89:59:a6:3c:57:3b:c1:e9:98 keyvet throwaway test key ecdsa384 (ECDSA)
384 SHA256:1o9/+3Ejjo2Jd/DKgM9y0XfloDWIy8bav5QG2Pe//ts keyvet throwaway test key ecdsa384 (ECDSA)
