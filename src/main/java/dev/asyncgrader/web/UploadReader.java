package dev.asyncgrader.web;

import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.kernel.Notebooks;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Turns uploaded material into a submission's files, safely: only {@code .java} files with plain names (or a
 * notebook's {@code %%grade} cell as {@code Main.java}),
 * within size and count limits; zip entries with {@code ..}, absolute paths or links are rejected, and a
 * zip is never inflated beyond its limit (zip bombs stop early).
 */
final class UploadReader {
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

    private final GraderConfig.Uploads limits;

    UploadReader(GraderConfig.Uploads limits) {
        this.limits = limits;
    }

    /** Files given as JSON {@code {"Main.java": "..."}}. */
    Map<String, String> fromJson(Map<String, String> files) {
        if (files == null || files.isEmpty()) {
            throw ApiError.badRequest("'files' is missing or empty: send {\"files\": {\"Main.java\": \"...\"}}.");
        }
        Map<String, String> out = new TreeMap<>();
        for (var e : files.entrySet()) {
            byte[] content = e.getValue() == null ? null : e.getValue().getBytes(StandardCharsets.UTF_8);
            if (e.getKey() != null && e.getKey().endsWith(".ipynb")) {
                addNotebook(out, e.getKey(), content);
            } else {
                add(out, e.getKey(), content);
            }
        }
        return out;
    }

    /** Files from a multipart upload: {@code .java} files and/or {@code .zip} archives of them. */
    Map<String, String> fromMultipart(List<UploadedFile> uploads) throws IOException {
        if (uploads.isEmpty()) {
            throw ApiError.badRequest("No files in the upload: attach .java files or a .zip as form field 'files'.");
        }
        Map<String, String> out = new TreeMap<>();
        for (UploadedFile f : uploads) {
            String name = f.filename();
            if (name.endsWith(".zip")) {
                if (f.size() > limits.maxZipKb() * 1024L) {
                    throw ApiError.tooLarge(name + " is larger than " + limits.maxZipKb() + " KB.");
                }
                try (InputStream in = f.content()) {
                    unzip(in.readAllBytes(), name, out);
                }
            } else {
                if (f.size() > limits.maxFileKb() * 1024L) {
                    throw ApiError.tooLarge(name + " is larger than " + limits.maxFileKb() + " KB.");
                }
                try (InputStream in = f.content()) {
                    if (name.endsWith(".ipynb")) {
                        addNotebook(out, name, in.readAllBytes());
                    } else {
                        add(out, name, in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    private void unzip(byte[] zip, String zipName, Map<String, String> out) throws IOException {
        long inflated = 0;
        ZipFile opened;
        try {
            opened = ZipFile.builder()
                    .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
                    .get();
        } catch (IOException e) {
            throw ApiError.badRequest(zipName + " is not a valid zip file: " + e.getMessage());
        }
        try (ZipFile archive = opened) {
            for (ZipArchiveEntry entry : java.util.Collections.list(archive.getEntries())) {
                String path = entry.getName();
                if (path.startsWith("/") || path.startsWith("\\") || path.contains("..") || path.contains(":")) {
                    throw ApiError.badRequest(zipName + " holds the entry '" + path
                            + "' with an absolute or '..' path; zip only your .java files.");
                }
                if (entry.isUnixSymlink()) {
                    throw ApiError.badRequest(zipName + " holds a link ('" + path + "'); zip only your .java files.");
                }
                if (entry.isDirectory() || path.startsWith("__MACOSX/")) {
                    continue;
                }
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (!name.endsWith(".java")) {
                    continue;
                }
                try (InputStream in = archive.getInputStream(entry)) {
                    byte[] content = readCapped(in, limits.maxUnzippedKb() * 1024L - inflated, zipName);
                    inflated += content.length;
                    add(out, name, content);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw ApiError.badRequest(zipName + " is not a valid zip file: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw ApiError.badRequest(zipName + " holds no .java files.");
        }
    }

    /** Reads an entry, refusing as soon as the archive's inflated total would pass its limit. */
    private byte[] readCapped(InputStream in, long room, String zipName) throws IOException {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > room) {
                throw ApiError.tooLarge(zipName + " unpacks to more than " + limits.maxUnzippedKb() + " KB.");
            }
        }
        return out.toByteArray();
    }

    /** A notebook's {@code %%grade} cell, as the {@code Main.java} it holds (the kernel grades it the same way). */
    private void addNotebook(Map<String, String> out, String name, byte[] content) {
        if (content == null || content.length > limits.maxFileKb() * 1024L) {
            throw ApiError.tooLarge(name + " is missing or larger than " + limits.maxFileKb() + " KB.");
        }
        switch (Notebooks.gradedCell(new String(content, StandardCharsets.UTF_8), null)) {
            case Notebooks.GradedCell.Found f ->
                add(out, "Main.java", f.source().getBytes(StandardCharsets.UTF_8));
            case Notebooks.GradedCell.Missing m -> throw ApiError.badRequest(name + ": " + m.reason() + ".");
        }
    }

    private void add(Map<String, String> out, String name, byte[] content) {
        if (name == null || !JAVA_NAME.matcher(name).matches()) {
            throw ApiError.badRequest("'" + name + "' is not a Java source file name like Main.java (no folders).");
        }
        if (content == null || content.length == 0) {
            throw ApiError.badRequest(name + " is empty.");
        }
        if (content.length > limits.maxFileKb() * 1024L) {
            throw ApiError.tooLarge(name + " is larger than " + limits.maxFileKb() + " KB.");
        }
        if (out.containsKey(name)) {
            throw ApiError.badRequest(name + " is given twice.");
        }
        if (out.size() >= limits.maxFiles()) {
            throw ApiError.badRequest("Too many files: at most " + limits.maxFiles() + " are accepted.");
        }
        try {
            out.put(
                    name,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(content))
                            .toString());
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest(name + " is not UTF-8 text.");
        }
    }
}
