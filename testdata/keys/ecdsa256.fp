256 MD5:9f:56:29:60:fa:73:2c:f6:9e:5d:78:19:5c:19:41:ee keyvet throwaway test key ecdsa256 (ECDSA)
256 SHA256:DhpZ2GUKsOzXXzuYl/vdmCZmPCseCfqDf318TwYgkzI keyvet throwaway test key ecdsa256 (ECDSA)
