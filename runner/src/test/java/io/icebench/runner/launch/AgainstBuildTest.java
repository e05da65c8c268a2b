package io.icebench.runner.launch;

import io.icebench.runner.UsageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --against REF} turns a revision of a real git repository (made here, two commits) into a built application:
 * resolved with git, checked out with git archive into a folder of its own, built once by a stand-in for Maven (a
 * shell script that writes the jar, or fails), and reused after that.
 */
class AgainstBuildTest {

    private static final String APP_HINT = "or pass a built application with --against-app DIR";

    @TempDir
    Path temp;

    private Path repo;
    private Path cache;
    private String first;
    private String second;

    @BeforeEach
    void aRepositoryWithTwoCommits() throws Exception {
        repo = Files.createDirectory(temp.resolve("repo"));
        git(repo, "init", "-q");
        Files.writeString(repo.resolve(".gitignore"), "target/\n");
        Files.writeString(repo.resolve("file.txt"), "one\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "first: the file");
        first = git(repo, "rev-parse", "HEAD");
        Files.writeString(repo.resolve("file.txt"), "two\n");
        git(repo, "commit", "-q", "-am", "second: the file changes");
        second = git(repo, "rev-parse", "HEAD");
        cache = repo.resolve("target/icebench-against");
    }

    // --- resolving the revision ---

    @Test
    void headTildeOneResolvesToTheFirstCommitAndIsLabelledWithItsSubject() {
        AgainstBuild.Revision revision = withGit().resolve(repo, "HEAD~1");

        assertThat(revision.sha()).isEqualTo(first).hasSize(40);
        assertThat(revision.label()).isEqualTo("HEAD~1 = " + first.substring(0, 7) + " (first: the file)");
    }

    @Test
    void aShaIsLabelledByItsShortShaAndSubjectAlone() {
        assertThat(withGit().resolve(repo, second.substring(0, 10)).label())
                .isEqualTo(second.substring(0, 7) + " (second: the file changes)");
    }

    @Test
    void anUnknownRevisionIsAUsageErrorThatSaysWhatExists() {
        assertThatThrownBy(() -> withGit().resolve(repo, "no-such-branch")).isInstanceOf(UsageException.class)
                .hasMessage("--against no-such-branch: 'no-such-branch' is not a revision of the repository at '"
                        + repo + "'; pass a commit sha, a branch or a tag that exists there (git log --oneline lists"
                        + " them), or git fetch it first");
    }

    @Test
    void aFolderThatIsNotAGitRepositoryIsAUsageError() throws IOException {
        Path plain = Files.createDirectory(temp.resolve("plain"));

        assertThatThrownBy(() -> withGit().resolve(plain, "HEAD~1")).isInstanceOf(UsageException.class)
                .hasMessage("--against HEAD~1: '" + plain + "' is not a git repository; run from the project's"
                        + " checkout, " + APP_HINT);
    }

    @Test
    void theParentOfTheFirstCommitIsAUsageErrorThatSaysThereIsNone() throws Exception {
        Path single = Files.createDirectory(temp.resolve("single"));
        git(single, "init", "-q");
        Files.writeString(single.resolve("file.txt"), "one\n");
        git(single, "add", ".");
        git(single, "commit", "-q", "-m", "the only commit");
        String root = git(single, "rev-parse", "HEAD");

        assertThatThrownBy(() -> withGit().resolve(single, "HEAD~1")).isInstanceOf(UsageException.class)
                .hasMessage("--against HEAD~1: HEAD (" + root.substring(0, 7) + ") is the repository's first commit:"
                        + " there is no parent to compare with; make a second commit, " + APP_HINT);
    }

    @Test
    void goingBackFurtherThanTheHistoryIsAUsageErrorThatCountsTheCommits() {
        assertThatThrownBy(() -> withGit().resolve(repo, "HEAD~2")).isInstanceOf(UsageException.class)
                .hasMessage("--against HEAD~2: 'HEAD~2' goes back past the first commit (HEAD = "
                        + second.substring(0, 7) + " has 2 commits in its history): there is no such parent to"
                        + " compare with; pass a nearer revision");
    }

    @Test
    void aShallowCloneIsAUsageErrorThatSaysToUnshallow() throws Exception {
        Path clone = temp.resolve("clone");
        git(temp, "clone", "-q", "--depth", "1", repo.toUri().toString(), clone.toString());

        assertThatThrownBy(() -> withGit().resolve(clone, "HEAD~1")).isInstanceOf(UsageException.class)
                .hasMessage("--against HEAD~1: 'HEAD~1' is not in this clone of '" + clone + "', which is shallow"
                        + " (cloned with --depth); fetch the history with git fetch --unshallow (in CI: check out"
                        + " with the full history)");
    }

    @Test
    void withoutGitTheUsageErrorSaysToInstallIt() {
        AgainstBuild noGit = new AgainstBuild(temp.resolve("no-git").toString(), List.of("mvn"));

        assertThatThrownBy(() -> noGit.resolve(repo, "HEAD~1")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--against HEAD~1: git is not installed or not on the PATH (")
                .hasMessageEndingWith("); install git, " + APP_HINT);
    }

    @Test
    void aRevisionThatLooksLikeAnOptionIsRejectedBeforeGitSeesIt() {
        assertThatThrownBy(() -> withGit().resolve(repo, "--all")).isInstanceOf(UsageException.class)
                .hasMessage("--against --all: '--all' is not a git revision; pass a commit sha, a branch or a tag,"
                        + " e.g. --against HEAD~1");
    }

    @Test
    void onlyFirstParentStepsCountAsGenerations() {
        assertThat(GitRevisions.firstParentGenerations("~1")).isEqualTo(1);
        assertThat(GitRevisions.firstParentGenerations("~2^~")).isEqualTo(4);
        assertThat(GitRevisions.firstParentGenerations("^^1")).isEqualTo(2);
        assertThat(GitRevisions.firstParentGenerations("^2")).isZero();
    }

    // --- building it ---

    @Test
    void aRevisionIsBuiltFromItsCommittedTreeIntoAFolderNamedByItsSha() throws Exception {
        Files.writeString(repo.resolve("file.txt"), "an edit not committed\n");
        Path calls = temp.resolve("calls.txt");

        AgainstBuild.App app = withMaven(fakeMaven(calls, 0)).revision(repo, "HEAD~1", cache);

        Path jar = cache.resolve(first).resolve(AgainstBuild.JAR);
        assertThat(app.quarkusRunJar()).isEqualTo(jar.toAbsolutePath());
        assertThat(app.commit()).hasValue(first);
        assertThat(app.label()).isEqualTo("HEAD~1 = " + first.substring(0, 7) + " (first: the file)");
        assertThat(jar).hasContent("built from one");
        assertThat(Files.readAllLines(calls)).containsExactly(String.join(" ", expectedArguments()));
        assertThat(cache.resolve(first).resolve(AgainstBuild.BUILD_LOG)).hasContent("building");
        assertThat(entries(cache)).containsExactly(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve(first))))
                .isEqualTo("rwxr-xr-x");
        // The user's working tree and index are as they were: the edit is still there and nothing else changed.
        assertThat(repo.resolve("file.txt")).hasContent("an edit not committed");
        assertThat(git(repo, "status", "--porcelain")).isEqualTo("M file.txt");
        assertThat(git(repo, "worktree", "list").lines()).hasSize(1);
    }

    @Test
    void aBuiltRevisionIsReusedWithoutBuildingAgain() throws Exception {
        Path calls = temp.resolve("calls.txt");
        AgainstBuild build = withMaven(fakeMaven(calls, 0));

        AgainstBuild.App once = build.revision(repo, "HEAD~1", cache);
        AgainstBuild.App again = build.revision(repo, first, cache);

        assertThat(again.quarkusRunJar()).isEqualTo(once.quarkusRunJar());
        assertThat(again.commit()).hasValue(first);
        assertThat(Files.readAllLines(calls)).hasSize(1);
    }

    @Test
    void aPrePopulatedCacheFolderIsUsedAsItIs() throws Exception {
        Path jar = cache.resolve(first).resolve(AgainstBuild.JAR);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "built before");
        Path calls = temp.resolve("calls.txt");

        AgainstBuild.App app = withMaven(fakeMaven(calls, 1)).revision(repo, "HEAD~1", cache);

        assertThat(app.quarkusRunJar()).isEqualTo(jar.toAbsolutePath());
        assertThat(jar).hasContent("built before");
        assertThat(calls).doesNotExist();
        assertThat(cache.resolve(first).resolve(AgainstBuild.BUILD_LOG)).doesNotExist();
    }

    @Test
    void aFailedBuildNamesItsLogAndLeavesNothingThatLooksBuilt() throws Exception {
        Path calls = temp.resolve("calls.txt");

        assertThatThrownBy(() -> withMaven(fakeMaven(calls, 1)).revision(repo, "HEAD~1", cache))
                .isInstanceOf(UsageException.class)
                .hasMessage("--against HEAD~1: the build of " + first.substring(0, 7) + " failed (exit 1), see "
                        + cache.resolve(first + ".build-failed.log").toAbsolutePath() + ": building | boom; fix that"
                        + " revision's build, " + APP_HINT);

        assertThat(entries(cache)).containsExactly(first + ".build-failed.log");
        assertThat(cache.resolve(first + ".build-failed.log")).hasContent("building\nboom");
    }

    @Test
    void aBuildThatSucceedsWithoutMakingTheJarIsAFailureToo() throws Exception {
        Path maven = script("noop", "echo 'nothing to do'");

        assertThatThrownBy(() -> withMaven(maven).revision(repo, "HEAD~1", cache))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("the build of " + first.substring(0, 7) + " made no " + AgainstBuild.JAR)
                .hasMessageContaining(": nothing to do;");
        assertThat(entries(cache)).containsExactly(first + ".build-failed.log");
    }

    @Test
    void aSuccessfulBuildAfterAFailedOneRemovesTheFailedLog() throws Exception {
        Path calls = temp.resolve("calls.txt");
        assertThatThrownBy(() -> withMaven(fakeMaven(calls, 1)).revision(repo, "HEAD~1", cache))
                .isInstanceOf(UsageException.class);

        withMaven(fakeMaven(calls, 0)).revision(repo, "HEAD~1", cache);

        assertThat(entries(cache)).containsExactly(first);
    }

    @Test
    void twoRunsBuildingTheSameRevisionAtOnceBothGetOneIntactBuild() throws Exception {
        Path calls = temp.resolve("calls.txt");
        AgainstBuild build = withMaven(script("slow", "sleep 1", fakeBuild(calls)));

        CompletableFuture<AgainstBuild.App> one = CompletableFuture.supplyAsync(
                () -> build.revision(repo, "HEAD~1", cache));
        CompletableFuture<AgainstBuild.App> other = CompletableFuture.supplyAsync(
                () -> build.revision(repo, "HEAD~1", cache));

        assertThat(one.get().quarkusRunJar()).isEqualTo(other.get().quarkusRunJar());
        assertThat(one.get().quarkusRunJar()).hasContent("built from one");
        assertThat(entries(cache)).containsExactly(first);
    }

    @Test
    void mavenIsMvnUnlessMavenCmdSaysOtherwise() {
        assertThat(AgainstBuild.mavenFromEnvironment(Map.of())).containsExactly("mvn");
        assertThat(AgainstBuild.mavenFromEnvironment(Map.of("MAVEN_CMD", " "))).containsExactly("mvn");
        assertThat(AgainstBuild.mavenFromEnvironment(Map.of("MAVEN_CMD", "/opt/maven/bin/mvn -o")))
                .containsExactly("/opt/maven/bin/mvn", "-o");
    }

    @Test
    void theLastLinesOfAMavenLogLeaveOutMavensClosingAdvice() throws IOException {
        Path log = temp.resolve("maven.log");
        Files.writeString(log, """
                \u001B[0m\u001B[0m[ERROR] COMPILATION ERROR :
                [ERROR] /src/Foo.java:[3,1] class, interface, enum, or record expected
                [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile \
                (default-compile) on project icebench-spi: Compilation failure
                [ERROR] /src/Foo.java:[3,1] class, interface, enum, or record expected -> [Help 1]
                [ERROR]
                [ERROR] -> [Help 1]
                [ERROR]
                [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
                [ERROR] Re-run Maven using the -X switch to enable full debug logging.
                [ERROR]
                [ERROR] For more information about the errors and possible solutions, please read the following \
                articles:
                [ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException
                [ERROR]
                [ERROR] After correcting the problems, you can resume the build with the command
                [ERROR]   mvn <args> -rf :icebench-spi
                \u001B[0m\u001B[0m
                """);

        assertThat(AgainstBuild.lastLines(log)).isEqualTo(
                "[ERROR] /src/Foo.java:[3,1] class, interface, enum, or record expected | [ERROR] Failed to execute"
                        + " goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on"
                        + " project icebench-spi: Compilation failure | [ERROR] /src/Foo.java:[3,1] class, interface,"
                        + " enum, or record expected");
    }

    // --- an application built already ---

    @Test
    void anAppIsTheQuarkusAppFolderTheProjectRootOrTheJarItself() throws IOException {
        Path root = temp.resolve("project");
        Path jar = root.resolve(AgainstBuild.JAR);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a jar");

        for (Path given : List.of(jar.getParent(), root, jar)) {
            AgainstBuild.App app = AgainstBuild.ofApp(given);

            assertThat(app.quarkusRunJar()).as("%s", given).isEqualTo(jar.toAbsolutePath());
            assertThat(app.label()).isEqualTo("app " + given);
            assertThat(app.commit()).isEmpty();
        }
    }

    @Test
    void anAppFolderWithoutTheJarIsAUsageErrorThatSaysHowToBuildIt() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Path missing = temp.resolve("missing");

        assertThatThrownBy(() -> AgainstBuild.ofApp(empty)).isInstanceOf(UsageException.class)
                .hasMessage("--against-app " + empty + ": neither '" + empty.resolve("quarkus-run.jar") + "' nor '"
                        + empty.resolve(AgainstBuild.JAR) + "' exists; build it with mvn -B -DskipTests package -pl"
                        + " runner -am, or pass --against REF");
        assertThatThrownBy(() -> AgainstBuild.ofApp(missing)).isInstanceOf(UsageException.class)
                .hasMessage("--against-app " + missing + ": '" + missing + "' does not exist; build it with mvn -B"
                        + " -DskipTests package -pl runner -am, or pass --against REF");
    }

    @Test
    void anAppFileThatIsNotAJarIsAUsageError() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.txt"), "not a jar");

        assertThatThrownBy(() -> AgainstBuild.ofApp(text)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--against-app " + text + ": '" + text + "' is a file but not a jar;");
    }

    // --- helpers ---

    private static AgainstBuild withGit() {
        return new AgainstBuild("git", List.of("false"));
    }

    private static AgainstBuild withMaven(Path script) {
        return new AgainstBuild("git", List.of(script.toString()));
    }

    private static List<String> expectedArguments() {
        List<String> arguments = new ArrayList<>();
        Optional.ofNullable(System.getProperty("maven.repo.local")).filter(value -> !value.isBlank())
                .ifPresent(value -> arguments.add("-Dmaven.repo.local=" + value));
        arguments.addAll(AgainstBuild.BUILD_GOALS);
        return arguments;
    }

    /**
     * A stand-in for Maven that records its arguments in {@code calls}, says "building", and then either writes the
     * launcher jar (holding the checked-out file's text) or says "boom" and exits with {@code exit}.
     */
    private Path fakeMaven(Path calls, int exit) throws IOException {
        if (exit == 0) {
            return script("maven-ok", fakeBuild(calls));
        }
        return script("maven-fails", "echo \"$@\" >> '" + calls + "'", "echo building", "echo boom", "exit " + exit);
    }

    private static String fakeBuild(Path calls) {
        return String.join("\n", "echo \"$@\" >> '" + calls + "'", "echo building",
                "mkdir -p runner/target/quarkus-app",
                "printf 'built from %s' \"$(cat file.txt)\" > runner/target/quarkus-app/quarkus-run.jar");
    }

    private Path script(String name, String... lines) throws IOException {
        Path script = temp.resolve(name + ".sh");
        Files.writeString(script, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The names in a folder, hidden ones (a partial build) included. */
    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs git in {@code dir} with a fixed identity and no user or system configuration; its trimmed output. */
    private static String git(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"));
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as("git %s: %s", String.join(" ", arguments), output).isZero();
        return output;
    }
}
