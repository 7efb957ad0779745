//! Standard output as the command line needs it.

/// Standard output as a buffered file of its own descriptor, so that a write error is an
/// error (Rust's `Stdout` swallows `EBADF`). A closed stdout is an error on the first write:
/// `tfsynth synth >&-` must not succeed without writing anything.
#[cfg(unix)]
pub(crate) fn stdout() -> Box<dyn std::io::Write> {
    use std::os::fd::AsFd;
    if closed_at_start() {
        return Box::new(Closed);
    }
    match std::io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::io::BufWriter::new(std::fs::File::from(fd))),
        Err(_) => Box::new(Closed),
    }
}

/// Whether descriptor 1 was closed when the program started. Rust's runtime reopens a closed
/// 0, 1 or 2 on `/dev/null` (read-write) before `main`, so `>&-` looks like a working stdout;
/// this recognizes that descriptor: `/dev/null` opened read-write, which a shell's
/// `>/dev/null` (write-only) never gives. (`1<>/dev/null` would be taken for a closed stdout.)
#[cfg(unix)]
fn closed_at_start() -> bool {
    let is_null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p.as_os_str() == "/dev/null");
    if !is_null {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|flags| flags & 0o3 == 0o2) // O_ACCMODE == O_RDWR
}

#[cfg(not(unix))]
pub(crate) fn stdout() -> Box<dyn std::io::Write> {
    Box::new(std::io::stdout().lock())
}

/// A stdout that is not open.
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
