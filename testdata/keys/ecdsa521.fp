521 MD5:22:32:2e:39:de:6f:3e:ba:d3:9a:6c:bb:aa:a1:22:82 keyvet throwaway test key ecdsa521 (ECDSA)
521 SHA256:pxxv+IecQIENsS64XKgkRNqa8/s5tTQjlIFdqdFLWjk keyvet throwaway test key ecdsa521 (ECDSA)
