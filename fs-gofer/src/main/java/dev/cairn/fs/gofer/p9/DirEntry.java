package dev.cairn.fs.gofer.p9;

/**
 * One entry of Rreaddir: the entry's qid, the cookie that resumes the listing after it, its
 * d_type and its name.
 */
public record DirEntry(Qid qid, long offset, int type, String name) {
}
