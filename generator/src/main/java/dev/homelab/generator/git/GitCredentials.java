package dev.homelab.generator.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How the generator authenticates to a git remote: a token from the environment for HTTPS, and the
 * user's {@code ~/.ssh} keys through JGit's Apache MINA transport for SSH.
 *
 * <p>The token is handed to JGit only for HTTP transports, so it is never offered to an SSH server
 * as a password, and {@link #redact(String)} scrubs it from any text before that text is shown.
 */
public final class GitCredentials implements AutoCloseable {
  /** Environment variable holding the HTTPS token (a personal access token or similar). */
  public static final String TOKEN_VARIABLE = "HOMELAB_GIT_TOKEN";

  /** Optional environment variable with the user name sent along with the token. */
  public static final String USERNAME_VARIABLE = "HOMELAB_GIT_USERNAME";

  // GitHub, Gitea and GitLab all accept a token as the password with any non-empty user name.
  static final String DEFAULT_TOKEN_USERNAME = "x-access-token";

  private static final String REDACTED = "***";
  // Over HTTP the whole user info may be a token; elsewhere (ssh://git@host) only a password is.
  private static final Pattern HTTP_USER_INFO = Pattern.compile("(?i)(?<=https?://)[^/@\\s]+@");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?<=://[^/@\\s:]{0,256}):[^/@\\s]+@");
  private static final int NETWORK_TIMEOUT_SECONDS = 120;

  private final String username;
  private final String token;
  private final Path homeDirectory;
  private SshdSessionFactory sshSessionFactory;

  private GitCredentials(String username, String token, Path homeDirectory) {
    this.username = username;
    this.token = token;
    this.homeDirectory = Objects.requireNonNull(homeDirectory, "homeDirectory");
  }

  /** Credentials from this process's environment and the user's home directory. */
  public static GitCredentials fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** Credentials from the given environment, with SSH keys and known hosts under {@code home}. */
  public static GitCredentials fromEnvironment(Map<String, String> environment, Path home) {
    String token = blankToNull(environment.get(TOKEN_VARIABLE));
    String user = blankToNull(environment.get(USERNAME_VARIABLE));
    return new GitCredentials(user == null ? DEFAULT_TOKEN_USERNAME : user, token, home);
  }

  /** No HTTPS token; SSH still uses the keys under {@code home}/.ssh. */
  public static GitCredentials none(Path home) {
    return new GitCredentials(DEFAULT_TOKEN_USERNAME, null, home);
  }

  /**
   * An explicit HTTPS token, for callers that read it from somewhere other than the environment.
   */
  public static GitCredentials token(String username, String token, Path home) {
    Objects.requireNonNull(token, "token");
    return new GitCredentials(username, token, home);
  }

  /** Whether an HTTPS token is available. */
  public boolean hasToken() {
    return token != null;
  }

  /** Wires these credentials and a network timeout into a JGit clone, fetch or push command. */
  public <C extends TransportCommand<C, ?>> C applyTo(C command) {
    command.setTimeout(NETWORK_TIMEOUT_SECONDS);
    command.setTransportConfigCallback(this::configure);
    return command;
  }

  /** Gives an SSH transport the MINA session factory and an HTTP transport the token, if any. */
  void configure(Transport transport) {
    if (transport instanceof SshTransport) {
      ((SshTransport) transport).setSshSessionFactory(sshSessionFactory());
    } else if (transport instanceof HttpTransport && token != null) {
      transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(username, token));
    }
  }

  /**
   * Removes the token (plain, and base64 inside a Basic header), the user info of HTTP URLs and
   * passwords in other URLs from a text that is about to be shown or thrown.
   */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets()) {
      result = result.replace(secret, REDACTED);
    }
    result = HTTP_USER_INFO.matcher(result).replaceAll(REDACTED + "@");
    return URL_PASSWORD.matcher(result).replaceAll(":" + REDACTED + "@");
  }

  private List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    if (token != null) {
      secrets.add(
          Base64.getEncoder()
              .encodeToString((username + ":" + token).getBytes(StandardCharsets.UTF_8)));
      secrets.add(token);
    }
    return secrets;
  }

  private synchronized SshdSessionFactory sshSessionFactory() {
    if (sshSessionFactory == null) {
      sshSessionFactory =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(homeDirectory.toFile())
              .setSshDirectory(homeDirectory.resolve(".ssh").toFile())
              .build(new JGitKeyCache());
    }
    return sshSessionFactory;
  }

  @Override
  public synchronized void close() {
    if (sshSessionFactory != null) {
      sshSessionFactory.close();
      sshSessionFactory = null;
    }
  }

  @Override
  public String toString() {
    return "GitCredentials[token="
        + (token == null ? "none" : REDACTED)
        + ", ssh="
        + homeDirectory
        + "/.ssh]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
