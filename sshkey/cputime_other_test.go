//go:build !linux

package sshkey

// threadTime is wall time where the thread's CPU time is not read (see the
// Linux version): a busy machine makes TestLinearCost noisier there.
func threadTime() int64 { return wallTime() }
