package io.sendports.bindings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Bindings as bytes, JSON or YAML. Written the same way every time (fields in the documents' order, map keys
 * sorted, indented, a final newline), so that two exports of one configuration are the same file. Read as strictly
 * as every request body (the API's mapper: unknown fields, duplicate keys and wrong types are errors); YAML with
 * bounds against hostile files (no aliases beyond a few, a nesting depth, a size), and with every string quoted
 * when written, so that {@code yes}, {@code no}, {@code on} and {@code off} stay strings.
 */
@ApplicationScoped
public class BindingsFormat {
    public static final String YAML = "application/yaml";
    /** Most a YAML file may nest, alias and hold (the HTTP body limit bounds it before). */
    static final int YAML_DEPTH = 64;
    static final int YAML_ALIASES = 20;
    static final int YAML_CODE_POINTS = 10 * 1024 * 1024;

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final ObjectWriter jsonOut;
    private final ObjectWriter yamlOut;

    public BindingsFormat(ObjectMapper json) {
        this.json = json;
        LoaderOptions limits = new LoaderOptions();
        limits.setAllowDuplicateKeys(false);
        limits.setMaxAliasesForCollections(YAML_ALIASES);
        limits.setNestingDepthLimit(YAML_DEPTH);
        limits.setCodePointLimit(YAML_CODE_POINTS);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(limits)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.yaml = json.copyWith(factory);
        this.jsonOut = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .with(SerializationFeature.INDENT_OUTPUT);
        this.yamlOut = yaml.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public byte[] json(BindingsDocument document) throws IOException {
        return (jsonOut.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public byte[] yaml(BindingsDocument document) throws IOException {
        return yamlOut.writeValueAsBytes(document);
    }

    /** @throws com.fasterxml.jackson.core.JsonProcessingException for a body that is not a bindings document */
    public BindingsDocument readJson(byte[] body) throws IOException {
        return json.readValue(body, BindingsDocument.class);
    }

    public BindingsDocument readYaml(byte[] body) throws IOException {
        return yaml.readValue(body, BindingsDocument.class);
    }

    /** A bindings document given as a tree (a BizTalk binding file's translation), read as strictly as a body. */
    public BindingsDocument read(com.fasterxml.jackson.databind.JsonNode tree) throws IOException {
        return json.treeToValue(tree, BindingsDocument.class);
    }
}
