package dev.dorisccr.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.binlog.DecodeResult;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code binlog decode --type <NAME|number> [--file F]}: decodes one binlog {@code data} payload
 * (from the file, else stdin) and prints it as canonical JSON. Exit 0 when decoded, 2 for bad input
 * (unknown type, malformed or invalid payload, invalid UTF-8), 1 when the file cannot be read.
 */
@Command(
        name = "binlog",
        mixinStandardHelpOptions = true,
        description = "Binlog tools.",
        subcommands = {BinlogCommand.Decode.class})
public final class BinlogCommand implements Runnable {
    /** Exit code for input that is readable but not a valid payload. */
    static final int EXIT_BAD_INPUT = 2;
    /** Exit code for input that cannot be read. */
    static final int EXIT_UNREADABLE = 1;

    private final InputStream stdin;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Reads stdin from {@link System#in}. */
    public BinlogCommand() {
        this(System.in);
    }

    /** Reads stdin from {@code stdin} (for tests and embedding). */
    public BinlogCommand(InputStream stdin) {
        this.stdin = requireNonNull(stdin, "stdin is null");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "decode",
            mixinStandardHelpOptions = true,
            description = "Decode one binlog data payload (JSON) and print it as canonical JSON.")
    static final class Decode implements Callable<Integer> {
        private static final JsonMapper MAPPER = new JsonMapper();

        @ParentCommand BinlogCommand parent;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--type",
                required = true,
                paramLabel = "<NAME|number>",
                description = "The binlog type: a TBinlogType name (any case) or its number, e.g. UPSERT or 0.")
        String type;

        @Option(names = "--file", paramLabel = "F", description = "Read the payload from F instead of stdin.")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BinlogType binlogType = parseType(type);
            if (binlogType == BinlogType.UNKNOWN) {
                err.println("error: unknown binlog type '" + type + "'; use a name such as UPSERT or a number 0-26");
                return EXIT_BAD_INPUT;
            }
            String json;
            try {
                json = decodeUtf8(file == null ? parent.stdin.readAllBytes() : Files.readAllBytes(file));
            } catch (CharacterCodingException e) {
                err.println("error: the payload is not valid UTF-8");
                return EXIT_BAD_INPUT;
            } catch (IOException e) {
                err.println("error: cannot read " + (file == null ? "stdin" : file.toString()) + ": " + e);
                return EXIT_UNREADABLE;
            }
            DecodeResult result = new BinlogDecoder().decode(binlogType, json);
            if (result instanceof DecodeResult.Failed failed) {
                err.println("error: cannot decode the " + binlogType + " payload: " + failed.error().describe());
                return EXIT_BAD_INPUT;
            }
            out.println(render((DecodeResult.Decoded) result));
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        /**
         * {@code {"barrier":…|null,"record":…,"type":"…"}}: keys sorted, the record and the barrier
         * (when it was unwrapped from one) as {@link BinlogDecoder#toCanonicalJson}.
         */
        static String render(DecodeResult.Decoded decoded) {
            try {
                ObjectNode node = MAPPER.createObjectNode();
                node.set(
                        "barrier",
                        decoded.barrier().isPresent()
                                ? MAPPER.readTree(BinlogDecoder.toCanonicalJson(decoded.barrier().get()))
                                : MAPPER.nullNode());
                node.set("record", MAPPER.readTree(BinlogDecoder.toCanonicalJson(decoded.record())));
                node.put("type", decoded.record().type().name());
                return MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new CcrException(ErrorCode.INTERNAL_ERROR, "canonical JSON did not re-parse", e);
            }
        }

        static BinlogType parseType(String text) {
            String trimmed = text.strip();
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return trimmed.length() > 3 ? BinlogType.UNKNOWN : BinlogType.fromCode(Integer.parseInt(trimmed));
            }
            return BinlogType.fromName(trimmed);
        }

        private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        }
    }
}
