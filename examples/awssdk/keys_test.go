package awssdk_test

// Throwaway keys for these tests, made for them and used nowhere else; none of
// them grants access to anything. Made on Debian 12 with OpenSSH_9.2p1
// Debian-2+deb12u6, OpenSSL 3.0.19:
//
//	ssh-keygen -q -t rsa -b 2048 -N '' -C "keyvet awssdk throwaway rsa2048 #N" -f rsaN   (N = 1..6)
//	ssh-keygen -q -t rsa -b 1024 -N '' -C "keyvet awssdk throwaway rsa1024" -f rsa1024
//	ssh-keygen -q -t ed25519 -N '' -C "keyvet awssdk throwaway ed25519" -f ed
//	ssh-keygen -e -m PKCS8 -f rsa1.pub    (rsa2048PEM)
//	ssh-keygen -e -m RFC4716 -f ed.pub    (ed25519RFC4716)
//	ssh-keygen -q -t ed25519 -N '' -C "" -f edpriv    (throwawayPrivateKey)
//
// Only the public halves were kept, but for throwawayPrivateKey: a private key
// kept so that the tests can check it is refused and never echoed.

// rsa2048 holds six distinct RSA 2048 keys, one authorized_keys line each:
// IAM allows five per user, so the sixth reaches LimitExceeded.
var rsa2048 = [6]string{
	// ssh-keygen -l -E md5: MD5:a1:ae:8b:05:ab:8a:2b:8d:6c:92:fc:71:11:10:a7:13
	"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCqY8ntT5KD42BuauJ0Q9I/goDHqp1OVT81hUc1ABrV2O9ahsuYirQDkexgP/69uwV+0ywhUS5HJ608VDMn1xakOVImdBkgFccCtHVLMx0Nn4fJIexTyi5U/wsTqk7ki0jF0Wr3QSom2QJTrGGLsFvLVoTecFOypRAd1qWUTaQ/3uwcmJiCxYhuisLU5X1CNarZB98zCHd6SpkqzPvbtSOUOkd3yCYOGyCrEbu5fDggCw2a4klaHOT5CncJgNNidga60fRvO5Tze+Y+slUK4Um1BgaITuwY8Ju+uU0myK1YiGpU2Cy6i+BEQuQg+ZshIKkoZGNnO8ohP/Koj2xSe2XL keyvet awssdk throwaway rsa2048 #1",
	// ssh-keygen -l -E md5: MD5:21:83:0e:c2:bf:2f:f6:ce:29:f6:e8:c5:0f:1d:d4:0b
	"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCq/O4RSAyX5wARWk2ofj0VyXq8ELm2JbAWRmh85TNAYVLhnOQluqXxBNagSaO21gDtuI4EQURTFF3lRR3XZcZa8KgabtXLNKAI5mk2vfe6HQoVLRdEmzqZF5B5G5gMBynrJtCgqsnpFm5yNmPj6j4FbeKz3ZwHIj2wwz+c7DU0DhG0u4fUQZleE/gdez1QJR6d1uV2FD7adzWg5TMEp1MfE6AMrvyXIfa2WNO8W9kgMIAzHXnDtEWwZES7XKwFMlDADnBMyI6Je3ordGZ9A66hPi6qLU5ZTGUDz4DpL+hFbJz9075FdKVp/XcupdUio40YfTUAmOrxnd+2c5aQj7B3 keyvet awssdk throwaway rsa2048 #2",
	// ssh-keygen -l -E md5: MD5:91:d6:b9:b7:4a:16:24:7c:43:63:5a:79:61:9c:7a:73
	"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDFqtGO2k8dMERm3mueyjI+26MbWuStZGml3yX4+lh/ws19+fCQS1frbxUVJddsgE9qUYU8GrsS1udvRgxxUwaX4C7j0xJ1X5eK9svtooX3peOza4CINut6eujnDv3MaVvV2ODowFP/j1BWyZvm7wIatQAu8TLt6kpf/NzsE1D7sJTjZyzqVPrfj2OBXJfhQySry7YT/FUsk7FAeM+4xBJS8AP3/9DOJ57O8S1vPUp94x9mcpkq8nwgom9bISVInVQcxjR4c0BrtMFnB6iD3gP4f37J5Hp6jq1RJvuZLznBSl5KmJTbfej0yntfdZoBgmaHUTGBQTQcBzVuTVXTndJd keyvet awssdk throwaway rsa2048 #3",
	// ssh-keygen -l -E md5: MD5:f7:e0:bb:1c:0e:f1:6b:58:0e:37:27:0b:4a:8f:fd:76
	"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDWdcsgb0wJVi19xm17M+56GIh7Ce4YHeTNB28p2D3thQ6Ws9dqLHDGaD6SdwJgHIiffA1LzmqxNtUrvQaHH1utwD/aKwYKXnNXlFeS0RcWMhDB9CZK/MegGU1RMWeB8k6H6n/3pIgbtIDAAwH0ZcFTYpo9aNIiUlzge9hFE9/7RdP3IIo92T1jAUBlgWy24eIzeF3gj94ha30bdO/s8gwVv9EMEyMaM6xwqlEP7XOkqxhth9Yt+H0hwmXdAsiI8+PRm2qyBLPgxZYLAIIoOBJm2EGg3IH2B9nm7/FCIKVifs7cI/LtSBbltTedwtfL5jyYVhRrS5E7nZQNAaLCfob/ keyvet awssdk throwaway rsa2048 #4",
	// ssh-keygen -l -E md5: MD5:d4:16:50:38:34:79:6a:81:23:a0:d1:34:b9:2c:5a:40
	"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCeFwklxgdIshVvX7vDsjHPjj/PqBORGYxp4pJ7qKAu7VFWdjSYD8TKir7QW0wNjcMO6IEcDkYlCFZwca4TBp2Hh19awGfMUP4hYj4+NsMsV7Mn3ne8s4Y44f2yHK27ctunpzSVNMPBA7AdOnjyHuLgCUsCFkv7Q+2NAKOhQMiusPIrzew2ytxcAwA9b4KEbRpV5TzVM7R3COhqjOe4spHqs2N6ROz4z/RYwmBT9xNAf//pjxKTaOVlaSg+PmUBOkCcMmMRvodQ8n6xJuCV7DcG2n3hkDqEK3S96/aqBNQ7JHvAMc4aFEoYyaBPjlhufDfrJ+jRRv3/yHSevokC8uqT keyvet awssdk throwaway rsa2048 #5",
	// ssh-keygen -l -E md5: MD5:5a:ad:b6:55:dd:44:20:9a:61:f3:96:dc:59:f4:7e:0d
	"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC5hxT7pNtcvUqYNYUCBcjuaPmIWki/lfBmIcKSNrPVEAE9/61RqmsRAamXtPe8+4uQoBwE1uOHKisJBs1PyTnWs74PgSpyC8RWHgGHfFr2NU2IbKbINCecBiMLgv6SkttjSsTSeyj4pWdPd7wFp/VdTkWbjvMEce598z/NbFD8bGdX0pqJ2cxnb7MV2QaHaoXF9wEMM16WtZEr5cQ5Z2zDC/9ew8xQNJDAwt7PVqZi+GwFELuD0kkI8z1bOyQkGkeGGW2zuOKL4cUh7jbOuL27Ap6YCqiMfMvM63rEZSTanwStQapDy4Fj0Dezd8yL7GKEZ0aozUlNg/IYo5+pY/aB keyvet awssdk throwaway rsa2048 #6",
}

// rsa2048MD5 is the MD5 fingerprint of rsa2048[0], as IAM gives it:
// ssh-keygen -l -E md5 -f rsa1.pub, without "MD5:".
const rsa2048MD5 = "a1:ae:8b:05:ab:8a:2b:8d:6c:92:fc:71:11:10:a7:13"

// rsa2048PEM is rsa2048[0] in PKIX PEM (ssh-keygen -e -m PKCS8).
const rsa2048PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqmPJ7U+Sg+NgbmridEPS
P4KAx6qdTlU/NYVHNQAa1djvWobLmIq0A5HsYD/+vbsFftMsIVEuRyetPFQzJ9cW
pDlSJnQZIBXHArR1SzMdDZ+HySHsU8ouVP8LE6pO5ItIxdFq90EqJtkCU6xhi7Bb
y1aE3nBTsqUQHdallE2kP97sHJiYgsWIborC1OV9QjWq2QffMwh3ekqZKsz727Uj
lDpHd8gmDhsgqxG7uXw4IAsNmuJJWhzk+Qp3CYDTYnYGutH0bzuU83vmPrJVCuFJ
tQYGiE7sGPCbvrlNJsitWIhqVNgsuovgRELkIPmbISCpKGRjZzvKIT/yqI9sUntl
ywIDAQAB
-----END PUBLIC KEY-----
`

// rsa1024 is too small for both services.
const rsa1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDHCiQvR0PjveWK29ODekZ3C19RARWWey6UWtbTI9tO3MZnsKay9Uhb1p2MjiNeiq/QrXs4/0u1NQALbvXNcJvx7Ti3TWAWedqITorfmt3wHFBzXsv04V0gj5rdkDTmUgjvKCKsM5DQKhWmOCFN0BJOr5qJP9SYNi03z4xqWtjdzQ== keyvet awssdk throwaway rsa1024"

// ed25519 is taken by EC2 Instance Connect and refused by IAM (ssh-rsa only).
const ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJiH4El3RNOHdac3EBGFrvtYtBm928VoJRrVHlHhYfwN keyvet awssdk throwaway ed25519"

// ed25519RFC4716 is ed25519 in RFC 4716 (SSH2) encoding.
const ed25519RFC4716 = `---- BEGIN SSH2 PUBLIC KEY ----
Comment: "256-bit ED25519, converted by root@vm from OpenSSH"
AAAAC3NzaC1lZDI1NTE5AAAAIJiH4El3RNOHdac3EBGFrvtYtBm928VoJRrVHlHhYfwN
---- END SSH2 PUBLIC KEY ----
`

// throwawayPrivateKey is a private key, given where a public key belongs.
const throwawayPrivateKey = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACB36OEa/obBD9+rx5LfuaIeDMVt51jRiLBIYWdHZ1tBMwAAAIiH4ZPPh+GT
zwAAAAtzc2gtZWQyNTUxOQAAACB36OEa/obBD9+rx5LfuaIeDMVt51jRiLBIYWdHZ1tBMw
AAAEAmqBJGN7gRuTUQpYRZsVAAbzXPhldFHPhL+CHy5On0vXfo4Rr+hsEP36vHkt+5oh4M
xW3nWNGIsEhhZ0dnW0EzAAAAAAECAwQF
-----END OPENSSH PRIVATE KEY-----
`
