package dev.cairn.fs.gofer.p9;

/** One decoded 9P frame: the tag that pairs a reply with its request, and the message. */
public record Frame(int tag, Message message) {
}
