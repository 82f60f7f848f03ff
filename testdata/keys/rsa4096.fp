4096 MD5:3a:02:70:f0:f1:fa:7b:34:ba:48:d1:38:63:e8:a9:05 keyvet throwaway test key rsa4096 (RSA)
4096 SHA256:1EwUmREMTxPyDhbkAv2COIADfci+NlhLsjhrExBxnv8 keyvet throwaway test key rsa4096 (RSA)
