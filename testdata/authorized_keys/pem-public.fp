# ssh-keygen exit status 255: pem-public is not a public key file.
