//! Helpers for Casefile's end-to-end tests: a small W3C WebDriver client that drives the real
//! app window through `tauri-driver` (which runs WebKitWebDriver), and workspace paths.

pub mod layout;
pub mod webdriver;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Where tests keep screenshots and other artifacts (`target/e2e-artifacts`).
pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// The built desktop app (`target/debug/casefile-app`, or `$CASEFILE_APP_BINARY`).
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("CASEFILE_APP_BINARY") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug").join("casefile-app")
}

/// The app launched in a real window with an empty, private home: its own store path, its own
/// XDG data/cache/config folders and its own TMPDIR, so tests can check nothing leaks there.
pub struct AppUnderTest {
    pub session: webdriver::Session,
    pub driver: webdriver::TauriDriver,
    pub store: PathBuf,
    pub home: Home,
    pub launched: std::time::Instant,
}

/// The private home folder of one app run.
pub struct Home(pub tempfile::TempDir);

impl AppUnderTest {
    /// Starts tauri-driver and opens the app. Needs a display (Xvfb) and the built app.
    pub fn launch() -> AppUnderTest {
        AppUnderTest::launch_with(|_| {})
    }

    /// Like [`AppUnderTest::launch`], after `prepare` has made what the test needs at the
    /// store's path (e.g. a store filled through the CLI) before the app starts.
    pub fn launch_with(prepare: impl FnOnce(&std::path::Path)) -> AppUnderTest {
        let home = tempfile::tempdir().expect("temp home");
        prepare(&home.path().join("store").join("casefile.db"));
        AppUnderTest::launch_in(Home(home))
    }

    /// Starts the app again in the home of an earlier run (its store and webview folders as
    /// that run left them): a restart.
    pub fn launch_in(home: Home) -> AppUnderTest {
        let home = home.0;
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "No display: run the end-to-end tests under Xvfb, e.g. `xvfb-run -a cargo test -p casefile-e2e` (the README's test command does this)."
        );
        let app = app_binary();
        assert!(
            app.exists(),
            "build the app first: {} is missing",
            app.display()
        );
        let store = home.path().join("store").join("casefile.db");
        let data = home.path().join("data");
        let cache = home.path().join("cache");
        let config = home.path().join("config");
        let tmp = home.path().join("tmp");
        std::fs::create_dir_all(&tmp).expect("temp dir for the app");
        let driver = webdriver::TauriDriver::start(&[
            ("CASEFILE_STORE", &store),
            ("HOME", home.path()),
            ("TMPDIR", &tmp),
            ("XDG_DATA_HOME", &data),
            ("XDG_CACHE_HOME", &cache),
            ("XDG_CONFIG_HOME", &config),
        ])
        .expect("start tauri-driver");
        let launched = std::time::Instant::now();
        let session = driver.session(&app).expect("open the app window");
        AppUnderTest {
            session,
            driver,
            store,
            home: Home(home),
            launched,
        }
    }

    /// Creates the store on the welcome screen and waits for the case screen.
    pub fn create_store(&self, passphrase: &str) {
        let s = &self.session;
        let input = s.wait_for("#new-passphrase", 60).expect("welcome screen");
        s.fill(&input, passphrase).expect("type passphrase");
        s.fill(
            &s.find("#confirm-passphrase").expect("confirm box"),
            passphrase,
        )
        .expect("type again");
        s.click(&s.find("#create-store").expect("create button"))
            .expect("create");
        // The first thing a victim sees is Start here; from it, to the cases.
        s.click(
            &s.wait_for("#start-close", 30)
                .expect("Start here after creating the store"),
        )
        .expect("go to the cases");
        s.wait_for("#new-case-title", 30)
            .expect("case screen after Start here");
    }

    /// Creates a case and waits until it is open.
    pub fn create_case(&self, title: &str) {
        let s = &self.session;
        s.fill(&s.find("#new-case-title").expect("title box"), title)
            .expect("type title");
        s.click(&s.find("#create-case").expect("create case"))
            .expect("create case");
        s.wait_for_text("#case-title-heading", title, 10)
            .expect("case opened");
    }

    /// Closes the window and stops the driver, so the webview has flushed whatever it writes;
    /// returns the home folder to inspect.
    pub fn quit(self) -> Home {
        let AppUnderTest {
            session,
            driver,
            home,
            ..
        } = self;
        session.close().expect("close the window");
        drop(driver);
        home
    }
}

impl Home {
    /// Every file under the test's home (store, webview data, caches).
    pub fn files_under_home(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![self.0.path().to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Fails if any file under the home contains one of `needles`.
    pub fn assert_no_plaintext(&self, needles: &[&str]) {
        for file in self.files_under_home() {
            let bytes = std::fs::read(&file).unwrap_or_default();
            for needle in needles {
                let n = needle.as_bytes();
                assert!(
                    !bytes.windows(n.len()).any(|w| w == n),
                    "{needle} readable in {}",
                    file.display()
                );
            }
        }
    }
}

/// The CLI built beside the app (`target/debug/casefile`).
pub fn cli_binary() -> PathBuf {
    app_binary().with_file_name("casefile")
}

/// Runs the CLI on `store` with `passphrase`; panics with its message when it fails.
pub fn cli(store: &std::path::Path, passphrase: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(cli_binary())
        .arg("--store")
        .arg(store)
        .args(args)
        .env("CASEFILE_PASSPHRASE", passphrase)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run the casefile CLI");
    assert!(
        out.status.success(),
        "casefile {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The list button of the case titled `title`.
pub fn case_button(s: &webdriver::Session, title: &str) -> webdriver::Element {
    let id = s
        .execute(
            "const b = [...document.querySelectorAll('button.case')].find(b => b.querySelector('.title')?.textContent === arguments[0]); return b ? b.dataset.caseId : null;",
            serde_json::json!([title]),
        )
        .expect("look up case button");
    let id = id
        .as_str()
        .unwrap_or_else(|| panic!("no case titled {title:?} in the list"))
        .to_string();
    s.find(&format!("button.case[data-case-id='{id}']"))
        .expect("case button")
}
