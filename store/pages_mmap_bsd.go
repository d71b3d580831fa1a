//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package store

import "syscall"

const mapFlags = syscall.MAP_SHARED
