//! Servers starting together on a new SQLite file all open it: one migrates, the others wait
//! for it and find the work done (PostgreSQL: sqlx's advisory lock does the same).

use super::Store;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn servers_starting_together_on_a_new_file_all_open_it() {
    for round in 0..6 {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("new.db").display());
        let starting: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                tokio::spawn(async move { Store::open(&url).await })
            })
            .collect();
        for server in starting {
            let opened = server.await.unwrap();
            assert!(opened.is_ok(), "round {round}: {:?}", opened.err());
        }
    }
}
