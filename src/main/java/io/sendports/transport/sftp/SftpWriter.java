package io.sendports.transport.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;

import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.RemoteFileProducer;
import org.apache.camel.component.file.remote.SftpRemoteFile;

import io.sendports.transport.file.FileMode;

/**
 * Camel's SFTP producer, with three changes. A directory is created when a write finds it missing. Before each file it checks its session locally instead of sending a
 * no-op to the server (a round trip per file): a session the server closed is seen as closed and connected anew.
 * And a target that exists in {@code create} mode is an {@link SftpRefused}, not retried, and keeps the
 * connection.
 */
final class SftpWriter extends RemoteFileProducer<SftpRemoteFile> {
    /** Camel's message for a target that exists when the endpoint's fileExist is Fail. */
    private static final String EXISTS = "File already exist: ";

    private final FileMode mode;

    SftpWriter(SftpWriterEndpoint endpoint, RemoteFileOperations<SftpRemoteFile> operations, FileMode mode) {
        super(endpoint, operations);
        this.mode = mode;
    }

    @Override
    public void preWriteCheck(Exchange exchange) throws Exception {
        connectIfNecessary(exchange);
    }

    /**
     * Writes the file, creating its directory only when the server says it is missing. Camel's own {@code autoCreate}
     * lists the directory before every file, which costs more the more files it holds (most of the time of a
     * thousand files into one directory).
     */
    @Override
    public void writeFile(Exchange exchange, String fileName) {
        try {
            super.writeFile(exchange, fileName);
        } catch (GenericFileOperationFailedException e) {
            int slash = fileName.lastIndexOf('/');
            if (!(e.getCause() instanceof SftpException sftp) || sftp.id != ChannelSftp.SSH_FX_NO_SUCH_FILE
                    || slash <= 0) {
                throw e;
            }
            getOperations().buildDirectory(fileName.substring(0, slash), true);
            super.writeFile(exchange, fileName);
        }
    }

    @Override
    public void handleFailedWrite(Exchange exchange, Exception exception) throws Exception {
        if (mode == FileMode.CREATE && exception instanceof GenericFileOperationFailedException failed
                && failed.getCause() == null && failed.getMessage() != null && failed.getMessage().startsWith(EXISTS)) {
            String target = failed.getMessage().substring(EXISTS.length()).replaceFirst("\\. Cannot write new file\\.$", "");
            throw new SftpRefused("sftp file " + target + " exists on " + getEndpoint().getConfiguration()
                    .remoteServerInformation() + " and the mode is create: it is left as it is");
        }
        super.handleFailedWrite(exchange, exception);
    }
}
