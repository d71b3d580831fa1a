//go:build !unix

package main

// disableCoreDumps does nothing where there are no core files to turn off.
func disableCoreDumps() {}
