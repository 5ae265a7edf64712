package io.kubechat.audit.checkpoint;

import io.kubechat.audit.export.RecordJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Appends each checkpoint as one JSON line to a file (for example on a separate volume), synced to disk. */
public final class FileCheckpointPublisher implements CheckpointPublisher {

    private final Path file;

    public FileCheckpointPublisher(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void publish(SignedCheckpoint checkpoint) {
        byte[] line = (RecordJson.checkpointLine(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish checkpoint to " + file, e);
        }
    }

    @Override
    public synchronized List<SignedCheckpoint> published() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<SignedCheckpoint> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(RecordJson.readCheckpoint(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read published checkpoints from " + file, e);
        }
    }
}
