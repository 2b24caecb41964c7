/**
 * Host access for the gofer server through JNA: libc calls made relative to directory fds,
 * one component at a time with O_NOFOLLOW, and a channel over an inherited fd. Internal to
 * the bundle. Layouts of {@code struct stat} and {@code struct statfs} are those of x86-64
 * Linux.
 */
package dev.cairn.fs.gofer.host;
