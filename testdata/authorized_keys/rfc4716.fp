# ssh-keygen exit status 255: rfc4716 is not a public key file.
