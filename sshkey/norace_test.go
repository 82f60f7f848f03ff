//go:build !race

package sshkey

const raceEnabled = false
