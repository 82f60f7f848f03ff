//go:build linux

package sshkey

import (
	"syscall"
	"unsafe"
)

// clockThreadCPUTime is CLOCK_THREAD_CPUTIME_ID (<linux/time.h>).
const clockThreadCPUTime = 3

// threadTime returns the CPU time, in nanoseconds, that the calling thread
// has used: the time it waits for a CPU on a busy machine is not in it, so
// a run that is preempted costs what it costs alone. The caller locks its
// goroutine to the thread between two readings. On a system where the
// clock cannot be read it falls back to wall time.
func threadTime() int64 {
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return wallTime()
	}
	return ts.Nano()
}
