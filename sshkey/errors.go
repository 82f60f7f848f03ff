package sshkey

import "github.com/keyvet/keyvet/sshkey/internal/scan"

// keyError is every error sshkey returns: a message for people and the key
// sentinel for errors.Is. The message never holds key material.
type keyError = scan.Error

func newErr(sentinel error, msg string) error { return scan.New(sentinel, msg) }

func malformed(msg string) error   { return scan.Malformed(msg) }
func unsupported(msg string) error { return scan.Unsupported(msg) }

func safeName(b []byte) string { return scan.SafeName(b) }

// refusePrivate returns ErrPrivateKey when data holds a private key marker.
// The message names the kind of key, never a byte of it.
func refusePrivate(data []byte) error {
	if dropbearPrivate(trimSpace(data)) {
		return dropbearErr()
	}
	if !holdsCore(data) {
		return nil
	}
	if i := privateMarker(data); i >= 0 {
		return privateErr(scan.PrivateMarkers[i].Kind)
	}
	return nil
}

// privateMarker returns the index in scan.PrivateMarkers of the first
// marker data holds, or -1.
func privateMarker(data []byte) int { return scan.PrivateMarker(data) }

func holdsCore(data []byte) bool { return scan.HoldsCore(data) }

func mayHoldPrivate(data []byte) bool { return scan.MayHoldPrivate(data) }
