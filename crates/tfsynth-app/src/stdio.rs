//! Standard output as the command line needs it.

/// Standard output as a buffered file of its own descriptor, so that a write error is an
/// error (Rust's `Stdout` swallows `EBADF`): `tfsynth synth > /dev/full` fails.
///
/// A stdout closed at start (`>&-`) cannot be told apart from `/dev/null` opened read-write
/// (`1<>/dev/null`, Python's `subprocess.DEVNULL`): Rust's runtime reopens a closed 0, 1 or 2
/// on `/dev/null`, read-write, before `main`. Both are taken for what they look like, a
/// working stdout whose output is discarded, as with `>/dev/null`.
#[cfg(unix)]
pub(crate) fn stdout() -> Box<dyn std::io::Write> {
    use std::os::fd::AsFd;
    match std::io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::io::BufWriter::new(std::fs::File::from(fd))),
        Err(_) => Box::new(Closed),
    }
}

#[cfg(not(unix))]
pub(crate) fn stdout() -> Box<dyn std::io::Write> {
    Box::new(std::io::stdout().lock())
}

/// A stdout whose descriptor cannot be used (it could not be duplicated).
#[cfg(unix)]
struct Closed;

#[cfg(unix)]
impl std::io::Write for Closed {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("stdout is closed"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
