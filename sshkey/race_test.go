//go:build race

package sshkey

// raceEnabled: the race detector slows every byte tenfold, so
// TestLinearCost uses a smaller large input.
const raceEnabled = true
