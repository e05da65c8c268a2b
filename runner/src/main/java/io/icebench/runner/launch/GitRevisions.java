package io.icebench.runner.launch;

import io.icebench.runner.UsageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.icebench.runner.launch.AgainstBuild.APP_HINT;

/**
 * The project's git repository as {@code --against REF} uses it: REF resolved to a commit (or the one-line reason
 * it cannot be, told apart for a shallow clone, a first commit and a name that does not exist), and that commit's
 * tree exported with {@code git archive}, never through the user's working tree, index or worktree list.
 *
 * <p>Every git command runs in the repository given, whatever {@code GIT_DIR} a surrounding git hook set, without
 * a terminal prompt, and with a deadline; a failure is a {@link UsageException} naming {@code --against REF}.
 */
final class GitRevisions {

    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ARCHIVE_TIMEOUT = Duration.ofMinutes(5);
    /** A revision ending in generations to go back: {@code HEAD~1}, {@code main^}, {@code v1^2~3}. */
    private static final Pattern ANCESTRY = Pattern.compile("^(.+?)((?:[~^][0-9]*)+)$");

    private final String git;

    /** @param git the git executable */
    GitRevisions(String git) {
        this.git = git;
    }

    /** REF resolved to a commit of the repository at {@code repoDir}, or the one-line reason it cannot be. */
    AgainstBuild.Revision resolve(Path repoDir, String ref) {
        String option = "--against " + ref;
        if (ref.isBlank() || ref.startsWith("-")) {
            throw new UsageException(option + ": '" + ref + "' is not a git revision; pass a commit sha, a branch"
                    + " or a tag, e.g. --against HEAD~1");
        }
        Result topLevel = git(option, repoDir, "rev-parse", "--show-toplevel");
        if (!topLevel.ok()) {
            throw new UsageException(option + ": '" + repoDir + "' is not a git repository; run from the project's"
                    + " checkout, " + APP_HINT);
        }
        Result commit = git(option, repoDir, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
        if (!commit.ok()) {
            throw new UsageException(option + ": " + whyUnknown(option, repoDir, ref));
        }
        String sha = commit.out();
        Result described = git(option, repoDir, "show", "-s", "--format=%h%n%s", sha);
        String[] lines = described.out().split("\n", 2);
        String shortSha = described.ok() && !lines[0].isBlank() ? lines[0] : sha.substring(0, 7);
        String subject = described.ok() && lines.length > 1 ? lines[1].trim() : "";
        return new AgainstBuild.Revision(ref, sha, shortSha, subject, Path.of(topLevel.out()));
    }

    private String whyUnknown(String option, Path repoDir, String ref) {
        if ("true".equals(git(option, repoDir, "rev-parse", "--is-shallow-repository").out())) {
            return "'" + ref + "' is not in this clone of '" + repoDir + "', which is shallow (cloned with --depth);"
                    + " fetch the history with git fetch --unshallow (in CI: check out with the full history)";
        }
        Matcher ancestry = ANCESTRY.matcher(ref);
        int generations = ancestry.matches() ? firstParentGenerations(ancestry.group(2)) : 0;
        if (generations > 0) {
            String base = ancestry.group(1);
            Result baseCommit = git(option, repoDir, "rev-parse", "--verify", "--quiet", base + "^{commit}");
            Result count = baseCommit.ok()
                    ? git(option, repoDir, "rev-list", "--first-parent", "--count", baseCommit.out())
                    : new Result(1, "", "");
            if (count.ok() && count.out().matches("[0-9]+") && generations >= Integer.parseInt(count.out())) {
                String shortBase = baseCommit.out().substring(0, 7);
                if (count.out().equals("1")) {
                    return base + " (" + shortBase + ") is the repository's first commit: there is no parent to"
                            + " compare with; make a second commit, " + APP_HINT;
                }
                return "'" + ref + "' goes back past the first commit (" + base + " = " + shortBase + " has "
                        + count.out() + " commits in its history): there is no such parent to compare with; pass a"
                        + " nearer revision";
            }
        }
        return "'" + ref + "' is not a revision of the repository at '" + repoDir + "'; pass a commit sha, a branch"
                + " or a tag that exists there (git log --oneline lists them), or git fetch it first";
    }

    /** How many first parents back {@code ~2^~} goes (4), or 0 when it names another parent ({@code ^2}). */
    static int firstParentGenerations(String suffix) {
        Matcher step = Pattern.compile("([~^])([0-9]*)").matcher(suffix);
        int generations = 0;
        while (step.find()) {
            String digits = step.group(2);
            if (digits.length() > 6) {
                return 0;
            }
            if (step.group(1).equals("~")) {
                generations += digits.isEmpty() ? 1 : Integer.parseInt(digits);
            } else if (digits.isEmpty() || digits.equals("1")) {
                generations += 1;
            } else if (!digits.equals("0")) {
                return 0;
            }
        }
        return generations;
    }

    /** {@code git archive <sha> | tar -x -C partial}: the revision's tree, without touching the working tree. */
    void extract(String option, AgainstBuild.Revision revision, Path partial) throws IOException {
        Path errors = Files.createTempFile("icebench-against-", ".log");
        try {
            List<Process> pipeline;
            try {
                pipeline = ProcessBuilder.startPipeline(List.of(
                        gitProcess(revision.topLevel(), "archive", "--format=tar", revision.sha())
                                .redirectError(errors.toFile()),
                        new ProcessBuilder("tar", "-x", "-C", partial.toString())
                                .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))));
            } catch (IOException e) {
                throw new UsageException(option + ": cannot run git archive | tar (" + e.getMessage() + "); install"
                        + " git and tar, " + APP_HINT, e);
            }
            for (Process process : pipeline) {
                if (ChildProcesses.waitFor(process, ARCHIVE_TIMEOUT) != 0) {
                    pipeline.forEach(Process::destroyForcibly);
                    throw new UsageException(option + ": git archive " + revision.shortSha() + " | tar -x failed: "
                            + ChildProcesses.oneLine(Files.readString(errors)) + "; check the repository, "
                            + APP_HINT);
                }
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    private ProcessBuilder gitProcess(Path dir, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(git);
        command.add("-C");
        command.add(dir.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The repository is the one at dir, even when this runs inside a git hook that set these.
        builder.environment().keySet().removeAll(List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"));
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        return builder;
    }

    private Result git(String option, Path dir, String... arguments) {
        Process process;
        try {
            process = gitProcess(dir, arguments)
                    .redirectInput(ProcessBuilder.Redirect.from(ChildProcesses.nullFile())).start();
        } catch (IOException e) {
            throw new UsageException(option + ": git is not installed or not on the PATH (" + e.getMessage()
                    + "); install git, " + APP_HINT, e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(
                () -> ChildProcesses.read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(
                () -> ChildProcesses.read(process.getErrorStream()));
        int exit = ChildProcesses.waitFor(process, GIT_TIMEOUT);
        if (exit == ChildProcesses.TIMED_OUT) {
            throw new UsageException(option + ": git " + String.join(" ", arguments) + " in '" + dir
                    + "' took longer than " + GIT_TIMEOUT.toSeconds() + " s; check the repository, " + APP_HINT);
        }
        try {
            return new Result(exit, out.get().strip(), err.get().strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("reading git's output", e.getCause()));
        }
    }
}
