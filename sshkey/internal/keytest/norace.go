//go:build !race

package keytest

// RaceEnabled: the race detector slows every byte tenfold, so cost tests
// use smaller inputs under it.
const RaceEnabled = false
