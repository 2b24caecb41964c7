package dev.cairn.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.gogo.shell.Builtin;
import org.apache.felix.gogo.shell.Posix;
import org.apache.felix.service.command.CommandSession;

/**
 * A real Gogo runtime (parser, scopes, redirections) with Cairn's commands in scope
 * {@code cairn} and gogo.shell's host-file commands (cat, echo, grep, tac) in scope {@code gogo},
 * as in the launcher's framework.
 */
final class GogoHarness implements AutoCloseable {
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final CommandProcessorImpl processor;
    private final CairnCommands commands;

    GogoHarness(TestSandboxes manager) {
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        commands = new CairnCommands(manager);
        processor.addCommand("gogo", new Posix());
        processor.addCommand("gogo", new Builtin());
        processor.addCommand("cairn", commands);
    }

    /** A session attached to a sandbox, capturing its output. */
    final class Session implements AutoCloseable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CommandSession session;

        Session(String sandboxId, boolean attach) throws Exception {
            session = processor.createSession(new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            if (attach) {
                session.execute("cairn:attach " + sandboxId);
            }
        }

        /** Runs a command line and returns what it printed on stdout. */
        String run(String line) throws Exception {
            out.reset();
            session.execute(line);
            session.getConsole().flush();
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    Session attached(String sandboxId) throws Exception {
        return new Session(sandboxId, true);
    }

    Session unattached() throws Exception {
        return new Session(null, false);
    }

    @Override
    public void close() {
        threadIO.stop();
    }
}
