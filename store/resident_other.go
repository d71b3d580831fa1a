//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releasePages is a hint that only Linux takes here; elsewhere the system
// keeps the journal's pages resident as it sees fit.
func releasePages(*bolt.Tx) {}
