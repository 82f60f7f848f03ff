256 MD5:8f:7c:4a:17:ac:79:b5:af:8a:36:85:b3:51:9f:47:90 keyvet throwaway test key ed25519 (ED25519)
256 SHA256:NZ/N9RvP6bM9HGBhggWFzbPUrSkKQLmxqMnR40Iyg7A keyvet throwaway test key ed25519 (ED25519)
