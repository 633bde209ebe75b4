/**
 * The Snowball client's environment. It needs none of the person's credentials, so none reach it: every
 * AWS_ variable (keys, session tokens, profiles, container and web-identity credentials), and anything
 * named like a credential or a token (TOKEN, SECRET, PASSWORD, CREDENTIAL, API key, access or private
 * key, auth), the cloud identity endpoints a process could trade for credentials, and proxy addresses
 * that carry a user name and password.
 *
 * The client is a Java program, and a JVM takes its home folder (`user.home`) from the operating
 * system's account, not from HOME; JAVA_TOOL_OPTIONS is read by the JVM itself when it is created
 * (JNI_CreateJavaVM), however deep in scripts the launch is, so that is where a private home goes.
 */

const CREDENTIAL_NAME =
  /^AWS_|TOKEN|SECRET|PASSW(OR)?D|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH|^ECS_CONTAINER_METADATA_URI|^(IDENTITY|MSI|IMDS)_(ENDPOINT|HEADER)$/i;

/** http://user:password@proxy: the address is kept out when it carries credentials. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i;

export function isCredentialVariable(name: string, value: string | undefined): boolean {
  return CREDENTIAL_NAME.test(name) || (value !== undefined && URL_WITH_CREDENTIALS.test(value));
}

/** A copy of `env` without any credential variable. */
export function clientEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name, value]) => !isCredentialVariable(name, value)),
  );
}

/** JVM option sources read after JAVA_TOOL_OPTIONS, which would override our user.home. */
const LATER_JVM_OPTIONS = ['JDK_JAVA_OPTIONS', '_JAVA_OPTIONS'];

/**
 * `env` for a client whose JVM must take `home` as its home folder: `-Duser.home=…` added to
 * JAVA_TOOL_OPTIONS (after whatever the person had there), quoted as the JVM's option parser reads it
 * when the path has spaces; a later option source that sets user.home itself is left out.
 */
export function withJvmHome(env: NodeJS.ProcessEnv, home: string): NodeJS.ProcessEnv {
  if (/["'\0\n\r]/.test(home)) {
    throw new Error('a JVM home folder must not contain quotes or control characters');
  }
  const option = /\s/.test(home) ? `"-Duser.home=${home}"` : `-Duser.home=${home}`;
  const isToolOptions = (name: string) => name.toUpperCase() === 'JAVA_TOOL_OPTIONS';
  const existing =
    Object.entries(env)
      .find(([name]) => isToolOptions(name))?.[1]
      ?.trim() ?? '';
  const out: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) =>
        !isToolOptions(name) &&
        !(LATER_JVM_OPTIONS.includes(name.toUpperCase()) && /user\.home/.test(value ?? '')),
    ),
  );
  out.JAVA_TOOL_OPTIONS = existing ? `${existing} ${option}` : option;
  return out;
}
