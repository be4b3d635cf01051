//! Giving the system back the memory the allocator holds free. glibc keeps what a thread freed
//! in that thread's arena: after the parallel parse and index build of a large corpus (or a
//! content reload, which holds two indexes for a moment) tens of megabytes of freed pages stay
//! resident for good. `malloc_trim(0)` returns every whole free page of every arena.
//!
//! The only `unsafe` in the crate; called after content is installed, never per request
//! (glibc locks each arena in turn while it walks them).

/// Returns the allocator's free pages to the system (glibc); elsewhere does nothing. Returns
/// whether anything was given back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn give_back_free_pages() -> bool {
    // SAFETY: `malloc_trim` takes no pointers and touches only glibc's own free lists, which it
    // locks while it works; any thread may call it at any time.
    unsafe { libc::malloc_trim(0) == 1 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn give_back_free_pages() -> bool {
    false
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    #[test]
    fn memory_a_thread_freed_is_given_back() {
        // Many small blocks (below glibc's mmap threshold) made and freed on a thread of its
        // own stay in that thread's arena until trimmed.
        std::thread::spawn(|| {
            let blocks: Vec<Vec<u8>> = (0..200_000).map(|i| vec![i as u8; 200]).collect();
            drop(blocks);
        })
        .join()
        .expect("thread");
        assert!(give_back_free_pages());
    }
}
