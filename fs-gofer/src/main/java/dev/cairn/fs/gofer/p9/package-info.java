/**
 * The 9P2000.L wire protocol: {@link dev.cairn.fs.gofer.p9.Message} records under one sealed
 * interface, their {@link dev.cairn.fs.gofer.p9.MessageType} wire values, the
 * {@link dev.cairn.fs.gofer.p9.Codec} that turns them into little-endian frames and back, and
 * {@link dev.cairn.fs.gofer.p9.Framing}, which cuts a stream into frames no larger than the
 * negotiated msize. Malformed input is reported as a checked
 * {@link dev.cairn.fs.gofer.p9.ProtocolException} naming the message type and field; nothing
 * is allocated from a peer-supplied length that exceeds the bytes already received.
 *
 * <p>Internal to the bundle (not exported): shared by the gofer server and the 9p client.
 */
package dev.cairn.fs.gofer.p9;
