package io.sendports.transport.sftp;

import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFileProducer;
import org.apache.camel.component.file.remote.RemoteFileConsumer;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;

import io.sendports.transport.file.FileMode;

/**
 * Camel's SFTP endpoint, producing only, whose connections resolve their credentials when they are made
 * ({@link SftpConnections}) and whose producer is {@link SftpWriter}.
 */
final class SftpWriterEndpoint extends SftpEndpoint {
    private final SftpConnections.Credentials credentials;
    private final FileMode mode;

    SftpWriterEndpoint(String uri, SftpWriterComponent component, SftpConfiguration configuration,
            SftpConnections.Credentials credentials, FileMode mode) {
        super(uri, component, configuration);
        this.credentials = credentials;
        this.mode = mode;
    }

    @Override
    protected GenericFileProducer<SftpRemoteFile> buildProducer() {
        return new SftpWriter(this, createRemoteFileOperations(), mode);
    }

    @Override
    public RemoteFileOperations<SftpRemoteFile> createRemoteFileOperations() {
        SftpConnections operations = new SftpConnections(credentials);
        operations.setEndpoint(this);
        return operations;
    }

    @Override
    public RemoteFileConsumer<SftpRemoteFile> createConsumer(Processor processor) {
        throw new UnsupportedOperationException(SftpWriterComponent.SCHEME + " endpoints only write files");
    }
}
