// Package fingerprint computes every SSH key fingerprint that ssh-keygen prints.
package fingerprint
