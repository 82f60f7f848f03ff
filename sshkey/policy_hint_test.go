package sshkey

import (
	"strings"
	"testing"
)

// TestLargerKeyHint: the advice for a small RSA key fits the policy: no
// Ed25519 where the policy takes RSA alone (IAM), a size within MaxRSABits.
func TestLargerKeyHint(t *testing.T) {
	tests := []struct {
		p           Policy
		want, never string
		reason      string
	}{
		{Policy{Types: []string{TypeRSA}, MinRSABits: 2048}, "ssh-keygen -t rsa -b 4096", "Ed25519", "an RSA-only policy, as IAM's"},
		{Policy{Types: []string{TypeRSA, TypeED25519}, MinRSABits: 2048, MaxRSABits: 4096}, "or an Ed25519 key (ssh-keygen -t ed25519)", "if allowed", "Ed25519 is taken, as by EC2 Instance Connect"},
		{Policy{MinRSABits: 2048, MaxRSABits: 3072}, "ssh-keygen -t rsa -b 3072", "-b 4096", "never more than MaxRSABits"},
		{Policy{MinRSABits: 2048}, "Ed25519", "if allowed", "no Types: every type is taken"},
	}
	for _, tt := range tests {
		err := tt.p.check(FormatAuthorizedKey, TypeRSA, 1024)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), tt.never) {
			t.Errorf("%s: %v; want %q and never %q", tt.reason, err, tt.want, tt.never)
		}
	}
}
