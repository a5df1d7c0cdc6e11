package io.sendports.transport.sftp;

/**
 * A delivery over SFTP that no retry can cure, said in one line for operators: a file that exists in
 * {@code create} mode, a dynamic destination whose host has no configured credentials. The message names files,
 * hosts and secret references, never a secret. No stack trace: it is an answer, not a fault.
 */
public final class SftpRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SftpRefused(String reason) {
        super(reason, null, false, false);
    }
}
