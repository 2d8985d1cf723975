//! A minimal W3C WebDriver client over `tauri-driver`, enough to drive Casefile's window:
//! find elements, click, type, read text and values, take screenshots.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

/// W3C key for element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Result of every driver call; errors are plain strings that say what failed.
pub type Result<T> = std::result::Result<T, String>;

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// A running `tauri-driver`. Dropping it stops the driver with SIGTERM (never SIGKILL: that
/// leaves its WebKitWebDriver child holding the port).
pub struct TauriDriver {
    child: Child,
    pub port: u16,
}

impl TauriDriver {
    /// Starts `tauri-driver` on random free ports with the given extra environment, and waits
    /// until it answers.
    pub fn start(env: &[(&str, &Path)]) -> Result<TauriDriver> {
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new("tauri-driver");
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().map_err(|e| {
            format!("could not start tauri-driver ({e}); install it with `cargo install tauri-driver --version ^2 --locked`")
        })?;
        // Drain its stderr so it never blocks on a full pipe; echo for the test log.
        if let Some(err) = child.stderr.take() {
            std::thread::spawn(move || {
                for line in BufReader::new(err)
                    .lines()
                    .map_while(std::result::Result::ok)
                {
                    eprintln!("[tauri-driver] {line}");
                }
            });
        }
        let driver = TauriDriver { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if ureq::get(&driver.url("/status"))
                .timeout(Duration::from_secs(2))
                .call()
                .is_ok()
            {
                return Ok(driver);
            }
            if Instant::now() > deadline {
                return Err("tauri-driver did not answer within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    /// Opens a session, which launches the app binary in a real window.
    pub fn session(&self, application: &Path) -> Result<Session> {
        let body = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": { "application": application.display().to_string() }
                }
            }
        });
        let v = post(&self.url("/session"), &body, Duration::from_secs(90))?;
        let id = v["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {v}"))?
            .to_string();
        Ok(Session {
            base: self.url(&format!("/session/{id}")),
        })
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unwrap_value(
    resp: std::result::Result<ureq::Response, ureq::Error>,
    what: &str,
) -> Result<Value> {
    match resp {
        Ok(r) => {
            let v: Value = r
                .into_json()
                .map_err(|e| format!("{what}: bad JSON: {e}"))?;
            Ok(v["value"].clone())
        }
        Err(ureq::Error::Status(code, r)) => {
            let text = r.into_string().unwrap_or_default();
            Err(format!("{what}: HTTP {code}: {text}"))
        }
        Err(e) => Err(format!("{what}: {e}")),
    }
}

fn post(url: &str, body: &Value, timeout: Duration) -> Result<Value> {
    let resp = ureq::post(url).timeout(timeout).send_json(body.clone());
    match resp {
        // Session creation answers with the whole object under "value".
        Ok(r) => {
            let v: Value = r
                .into_json()
                .map_err(|e| format!("POST {url}: bad JSON: {e}"))?;
            Ok(v["value"].clone())
        }
        Err(e) => unwrap_value(Err(e), &format!("POST {url}")),
    }
}

/// One WebDriver session: the app's window.
pub struct Session {
    base: String,
}

/// A reference to an element in the window.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Session {
    fn post(&self, path: &str, body: Value) -> Result<Value> {
        post(
            &format!("{}{}", self.base, path),
            &body,
            Duration::from_secs(30),
        )
    }

    fn get(&self, path: &str) -> Result<Value> {
        let url = format!("{}{}", self.base, path);
        unwrap_value(
            ureq::get(&url).timeout(Duration::from_secs(30)).call(),
            &format!("GET {url}"),
        )
    }

    /// The first element matching a CSS selector, if any.
    pub fn find(&self, css: &str) -> Result<Element> {
        let v = self.post("/element", json!({"using": "css selector", "value": css}))?;
        v[ELEMENT_KEY]
            .as_str()
            .map(|s| Element(s.to_string()))
            .ok_or_else(|| format!("no element matches {css}"))
    }

    /// Waits up to `secs` for an element matching `css` to appear and be displayed.
    pub fn wait_for(&self, css: &str, secs: u64) -> Result<Element> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Ok(el) = self.find(css) {
                if self.get(&format!("/element/{}/displayed", el.0)).ok() == Some(json!(true)) {
                    return Ok(el);
                }
            }
            if Instant::now() > deadline {
                let body = self.text_of("body").unwrap_or_default();
                return Err(format!(
                    "{css} did not appear within {secs} s; the window shows:\n{body}"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits up to `secs` for an element matching `css` to exist (displayed or not, e.g. a
    /// hidden file input).
    pub fn wait_for_present(&self, css: &str, secs: u64) -> Result<Element> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Ok(el) = self.find(css) {
                return Ok(el);
            }
            if Instant::now() > deadline {
                return Err(format!("{css} did not appear within {secs} s"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Types into an element without clearing it first (for file inputs: newline-separated paths).
    pub fn send_keys(&self, el: &Element, text: &str) -> Result<()> {
        self.post(&format!("/element/{}/value", el.0), json!({"text": text}))
            .map(|_| ())
    }

    /// Waits until the element's text contains `needle`; returns the text.
    pub fn wait_for_text(&self, css: &str, needle: &str, secs: u64) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let text = self.text_of(css).unwrap_or_default();
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{css} never contained {needle:?}; last text:\n{text}"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The text content of the first element matching `css`, including text an ellipsis hides
    /// on screen (WebKitWebDriver's visible text leaves that out).
    pub fn content_of(&self, css: &str) -> Result<String> {
        let v = self.execute(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
            json!([css]),
        )?;
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("no element matches {css}"))
    }

    /// Waits until the text content of `css` contains `needle` (see [`Session::content_of`]).
    pub fn wait_for_content(&self, css: &str, needle: &str, secs: u64) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let text = self.content_of(css).unwrap_or_default();
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{css} never contained {needle:?}; last text:\n{text}"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Visible text of the first element matching `css`.
    pub fn text_of(&self, css: &str) -> Result<String> {
        let el = self.find(css)?;
        self.text(&el)
    }

    /// Visible text of an element.
    pub fn text(&self, el: &Element) -> Result<String> {
        Ok(self
            .get(&format!("/element/{}/text", el.0))?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// The current `value` property of an input.
    pub fn value(&self, el: &Element) -> Result<String> {
        let v = self.get(&format!("/element/{}/property/value", el.0))?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Clicks an element, first scrolling it into view (WebKitWebDriver does not scroll nested
    /// scroll areas by itself).
    pub fn click(&self, el: &Element) -> Result<()> {
        self.execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            json!([{ ELEMENT_KEY: el.0 }]),
        )?;
        self.post(&format!("/element/{}/click", el.0), json!({}))
            .map(|_| ())
    }

    /// Clears an input and types `text` into it.
    pub fn fill(&self, el: &Element, text: &str) -> Result<()> {
        self.post(&format!("/element/{}/clear", el.0), json!({}))?;
        // Type a character and delete it when clearing, so the page sees an input event.
        let keys = if text.is_empty() { " \u{E003}" } else { text };
        self.post(&format!("/element/{}/value", el.0), json!({"text": keys}))
            .map(|_| ())
    }

    /// Runs a script in the page and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.post("/execute/sync", json!({"script": script, "args": args}))
    }

    /// Types keys into whatever has the keyboard focus, as a person at the keyboard would
    /// (WebDriver key codes: `\u{E004}` Tab, `\u{E007}` Enter, `\u{E014}` →).
    pub fn keys(&self, text: &str) -> Result<()> {
        let v = self.get("/element/active")?;
        let id = v[ELEMENT_KEY]
            .as_str()
            .ok_or("nothing has the keyboard focus")?
            .to_string();
        self.post(&format!("/element/{id}/value"), json!({"text": text}))
            .map(|_| ())
    }

    /// Runs a script whose last argument is a callback to call with the result (for promises,
    /// e.g. axe-core's `axe.run`), and returns what it was called with.
    pub fn execute_async(&self, script: &str, args: Value) -> Result<Value> {
        self.post("/execute/async", json!({"script": script, "args": args}))
    }

    /// Sets the window's outer size in CSS pixels (the window manager may round it).
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .map(|_| ())
    }

    /// The viewport's size as the page sees it (`innerWidth`, `innerHeight`).
    pub fn viewport(&self) -> Result<(u32, u32)> {
        let v = self.execute("return [window.innerWidth, window.innerHeight];", json!([]))?;
        Ok((
            v[0].as_u64().unwrap_or(0) as u32,
            v[1].as_u64().unwrap_or(0) as u32,
        ))
    }

    /// Saves a PNG screenshot of the window.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        let v = self.get("/screenshot")?;
        let b64 = v.as_str().ok_or("screenshot was not a string")?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| format!("screenshot was not base64: {e}"))?;
        std::fs::write(path, png).map_err(|e| format!("writing {}: {e}", path.display()))
    }

    /// Ends the session, which closes the app.
    pub fn close(self) -> Result<()> {
        unwrap_value(
            ureq::delete(&self.base)
                .timeout(Duration::from_secs(30))
                .call(),
            "DELETE session",
        )
        .map(|_| ())
    }
}
