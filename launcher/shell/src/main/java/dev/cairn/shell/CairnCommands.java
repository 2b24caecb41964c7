package dev.cairn.shell;

import dev.cairn.boot.api.Sandbox;
import dev.cairn.boot.api.SandboxManager;
import dev.cairn.vfs.Task;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cairn's Gogo commands (scope {@code cairn}). Every command acts inside a sandbox as the
 * session's task ({@link Sessions}); none touches host files. A failing command throws a
 * {@link ShellException} whose message is the Linux tool's error text.
 *
 * <p>{@code attach} binds a session to a sandbox; it and the first Cairn command of any
 * session also harden the session ({@link Sessions#harden}): Cairn's scope first, and
 * Gogo's redirections, globs and gogo.shell's file arguments unable to reach host files.
 * The launcher attaches every session before running anything in it.
 */
@Component(service = CairnCommands.class, property = {
    "osgi.command.scope=cairn",
    "osgi.command.function=attach", "osgi.command.function=help",
    "osgi.command.function=ls", "osgi.command.function=cat", "osgi.command.function=stat",
    "osgi.command.function=mkdir", "osgi.command.function=rm", "osgi.command.function=rmdir",
    "osgi.command.function=mv", "osgi.command.function=ln", "osgi.command.function=echo",
    "osgi.command.function=write", "osgi.command.function=append", "osgi.command.function=touch",
    "osgi.command.function=chmod", "osgi.command.function=mount", "osgi.command.function=umount",
    "osgi.command.function=mounts", "osgi.command.function=cd", "osgi.command.function=pwd",
    "osgi.command.function=tree", "osgi.command.function=filesystems", "osgi.command.function=sandboxes",
    "osgi.command.function=prompt",
    "osgi.command.function=gosh", "osgi.command.function=sh", "osgi.command.function=source",
    "osgi.command.function=telnetd"
})
public class CairnCommands {
    private static final Logger LOG = LoggerFactory.getLogger(CairnCommands.class);
    static final String HELP = String.join("\n",
            "Cairn shell commands (they act inside the sandbox, never on host files):",
            "  ls [-l] [-a] [-d] [PATH...]    cat FILE...          stat [-L] PATH...",
            "  mkdir [-p] [-m MODE] DIR...    rm [-r] [-f] PATH... rmdir DIR...",
            "  mv SRC... DST                  ln [-s] [-f] TARGET LINK",
            "  echo [-n] TEXT...              write FILE TEXT...   append FILE TEXT...",
            "  touch FILE...                  chmod MODE PATH...   tree [-a] [DIR...]",
            "  mount [-t TYPE] [-o OPTS] SOURCE TARGET   (no operands: list mounts)",
            "  umount [-l] TARGET...          mounts               filesystems",
            "  cd [DIR]   pwd   sandboxes   attach [SANDBOX]",
            "Redirections (>, >>, <) are disabled: they would use host files.");

    private final SandboxManager manager;

    @Activate
    public CairnCommands(@Reference SandboxManager manager) {
        this.manager = manager;
        LOG.debug("Cairn shell commands active");
    }

    /**
     * The arguments as the words a Linux tool would get. Commands take {@code Object[]} so
     * that Gogo's literals ({@code null}, {@code true}, {@code false}) and lists arrive as
     * themselves instead of failing Gogo's coercion to String; each becomes its text.
     */
    static String[] words(Object[] args) {
        if (args == null) {
            return new String[0];
        }
        String[] w = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            w[i] = String.valueOf(args[i]);
        }
        return w;
    }

    private Task task(CommandSession s, String cmd) throws ShellException {
        return Sessions.task(s, manager, cmd);
    }

    /**
     * The command's standard output. Gogo's ThreadIO routes {@code System.out} per thread to
     * whatever the running statement writes to (the console, a pipe into the next command);
     * {@code CommandSession.getConsole()} would bypass pipes. This is command output, not
     * logging (which goes through SLF4J).
     */
    private static PrintStream out(CommandSession s) {
        return System.out;
    }

    private FileCommands files(CommandSession s, String cmd) throws ShellException {
        return new FileCommands(task(s, cmd), out(s));
    }

    private Listing listing(CommandSession s, String cmd) throws ShellException {
        return new Listing(task(s, cmd), out(s));
    }

    private MountCommands mounting(CommandSession s, String cmd) throws ShellException {
        return new MountCommands(task(s, cmd), out(s));
    }

    /**
     * Binds the session to a sandbox (default: the first) and hardens it. A session that
     * already holds a task of that sandbox (the launcher hands a task on to a fresh session
     * after Ctrl-C) keeps it, with its working directory and fds.
     */
    @Descriptor("bind this session to a sandbox (default: the first) and make it a Cairn shell")
    public void attach(CommandSession s, Object[] args) throws ShellException {
        Args a = Args.parse("attach", words(args), "", "");
        if (a.operands().size() > 1) {
            throw new ShellException("attach: too many arguments");
        }
        String id = a.operands().isEmpty() ? null : a.operands().get(0);
        Object cur = s.get(Sessions.TASK);
        boolean keep = id != null && cur instanceof Sessions.Bound b && b.sandbox().id().equals(id);
        if (!keep) {
            Sessions.release(s);
        }
        s.put(Sessions.SANDBOX, id);
        Sessions.bound(s, manager, "attach");
        Sessions.harden(s);
    }

    @Descriptor("list Cairn's commands")
    public void help(CommandSession s, Object[] args) {
        out(s).println(HELP);
    }

    @Descriptor("list directory contents")
    public void ls(CommandSession s, Object[] args) throws ShellException {
        listing(s, "ls").ls(words(args));
    }

    @Descriptor("print files")
    public void cat(CommandSession s, Object[] args) throws ShellException {
        files(s, "cat").cat(words(args));
    }

    @Descriptor("show file status")
    public void stat(CommandSession s, Object[] args) throws ShellException {
        listing(s, "stat").stat(words(args));
    }

    @Descriptor("make directories")
    public void mkdir(CommandSession s, Object[] args) throws ShellException {
        files(s, "mkdir").mkdir(words(args));
    }

    @Descriptor("remove files or directories")
    public void rm(CommandSession s, Object[] args) throws ShellException {
        files(s, "rm").rm(words(args));
    }

    @Descriptor("remove empty directories")
    public void rmdir(CommandSession s, Object[] args) throws ShellException {
        files(s, "rmdir").rmdir(words(args));
    }

    @Descriptor("move (rename) files")
    public void mv(CommandSession s, Object[] args) throws ShellException {
        files(s, "mv").mv(words(args));
    }

    @Descriptor("make links")
    public void ln(CommandSession s, Object[] args) throws ShellException {
        files(s, "ln").ln(words(args));
    }

    @Descriptor("print text")
    public void echo(CommandSession s, Object[] args) {
        new FileCommands(null, out(s)).echo(words(args));
    }

    @Descriptor("write FILE TEXT...: replace FILE's content with TEXT and a newline")
    public void write(CommandSession s, Object[] args) throws ShellException {
        files(s, "write").write(words(args), false);
    }

    @Descriptor("append FILE TEXT...: add TEXT and a newline at the end of FILE")
    public void append(CommandSession s, Object[] args) throws ShellException {
        files(s, "append").write(words(args), true);
    }

    @Descriptor("create files or update their times")
    public void touch(CommandSession s, Object[] args) throws ShellException {
        files(s, "touch").touch(words(args));
    }

    @Descriptor("change file mode (octal or symbolic)")
    public void chmod(CommandSession s, Object[] args) throws ShellException {
        files(s, "chmod").chmod(words(args));
    }

    @Descriptor("mount a filesystem, or list mounts")
    public void mount(CommandSession s, Object[] args) throws ShellException {
        mounting(s, "mount").mount(words(args));
    }

    @Descriptor("unmount filesystems")
    public void umount(CommandSession s, Object[] args) throws ShellException {
        mounting(s, "umount").umount(words(args));
    }

    @Descriptor("print the mount table (/proc/mounts format)")
    public void mounts(CommandSession s, Object[] args) throws ShellException {
        mounting(s, "mounts").mounts();
    }

    @Descriptor("change the working directory")
    public void cd(CommandSession s, Object[] args) throws ShellException {
        files(s, "cd").cd(words(args));
    }

    @Descriptor("print the working directory")
    public void pwd(CommandSession s, Object[] args) throws ShellException {
        files(s, "pwd").pwd();
    }

    @Descriptor("print a directory tree")
    public void tree(CommandSession s, Object[] args) throws ShellException {
        listing(s, "tree").tree(words(args));
    }

    @Descriptor("list the filesystem types (/proc/filesystems format)")
    public void filesystems(CommandSession s, Object[] args) throws ShellException {
        mounting(s, "filesystems").filesystems();
    }

    /**
     * The shell prompt for this session, {@code SANDBOX:CWD# } (returned, not printed: the
     * launcher's console asks for it before each line; {@code echo (prompt)} shows it).
     */
    @Descriptor("the prompt text: sandbox id and working directory")
    public String prompt(CommandSession s, Object[] args) throws ShellException {
        Sessions.Bound b = Sessions.bound(s, manager, "prompt");
        try {
            return b.sandbox().id() + ":" + b.task().getcwd() + "# ";
        } catch (dev.cairn.vfs.ErrnoException e) {
            return b.sandbox().id() + ":?# ";
        }
    }

    // ---- gogo.shell commands that would leave the sandbox --------------------------------
    // gosh/sh start a new, unhardened session (its redirections would write host files),
    // source reads a host script, telnetd serves unhardened sessions on a socket. In a Cairn
    // shell they are refused; in any other session (gogo.shell's own start-up session runs
    // "gosh --login ...") they are gogo.shell's, unchanged.

    @Descriptor("gogo.shell's gosh; refused in a Cairn shell")
    public Object gosh(CommandSession s, Object[] args) throws Exception {
        return gogoOnly(s, "gosh", args);
    }

    @Descriptor("gogo.shell's sh; refused in a Cairn shell")
    public Object sh(CommandSession s, Object[] args) throws Exception {
        return gogoOnly(s, "sh", args);
    }

    @Descriptor("gogo.shell's source; refused in a Cairn shell")
    public Object source(CommandSession s, Object[] args) throws Exception {
        return gogoOnly(s, "source", args);
    }

    @Descriptor("gogo.shell's telnetd; refused in a Cairn shell")
    public Object telnetd(CommandSession s, Object[] args) throws Exception {
        return gogoOnly(s, "telnetd", args);
    }

    private static Object gogoOnly(CommandSession s, String name, Object[] args) throws Exception {
        if (s.get(Sessions.TASK) != null) {
            throw new ShellException(name + ": not available in a Cairn shell (it would act outside the sandbox)");
        }
        StringBuilder line = new StringBuilder("gogo:").append(name);
        for (String w : words(args)) {
            line.append(" '").append(w.replace("'", "\\'")).append('\'');
        }
        return s.execute(line);
    }

    @Descriptor("list running sandboxes")
    public void sandboxes(CommandSession s, Object[] args) throws ShellException {
        Sandbox current = s.get(Sessions.TASK) instanceof Sessions.Bound b ? b.sandbox() : null;
        MountCommands.sandboxes(manager.sandboxes(), current, out(s));
    }
}
