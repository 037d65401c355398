//! The compiler never panics, whatever the input: every bundled `.form` file
//! is mutated many times (bytes deleted, duplicated, swapped, replaced with
//! grammar-significant characters) and compiled. A deterministic generator
//! keeps failures reproducible.

use shinsei_syntax::SourceDb;
use shinsei_tests::root;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
}

const TOKENS: [&str; 16] = [
    "{",
    "}",
    "(",
    ")",
    "\"",
    "..",
    "when ",
    "rule x { check ",
    "1円",
    "3 days",
    " and ",
    ".",
    ",",
    "#",
    "\n",
    "field ",
];

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let i = rng.below(chars.len());
        match rng.below(4) {
            0 => {
                let len = 1 + rng.below(20);
                chars.drain(i..(i + len).min(chars.len()));
            }
            1 => {
                let len = 1 + rng.below(40);
                let piece: Vec<char> = chars[i..(i + len).min(chars.len())].to_vec();
                let j = rng.below(chars.len());
                chars.splice(j..j, piece);
            }
            2 => {
                let tok = TOKENS[rng.below(TOKENS.len())];
                chars.splice(i..i, tok.chars());
            }
            _ => {
                let j = rng.below(chars.len());
                chars.swap(i, j);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_forms_never_panic_the_compiler() {
    let sources = shinsei_load::Sources::load(&[root().join("forms")]).unwrap();
    let texts: Vec<(String, String)> = sources
        .db()
        .iter()
        .map(|(_, s)| (s.name.clone(), s.text.clone()))
        .collect();
    let mut rng = Lcg(0x5EED);
    let mut with_errors = 0;
    let rounds = 200;
    for round in 0..rounds {
        let victim = rng.below(texts.len());
        let mut db = SourceDb::new();
        // The victim, mutated, with the shared definitions it may use.
        for (i, (path, text)) in texts.iter().enumerate() {
            if i == victim {
                db.add(path.clone(), mutate(text, &mut rng));
            } else if path.starts_with("shared/") {
                db.add(path.clone(), text.clone());
            }
        }
        let out = std::panic::catch_unwind(|| shinsei_check::compile(&db));
        let out = out.unwrap_or_else(|_| {
            panic!("compiler panicked in round {round} on {}", texts[victim].0)
        });
        if !out.diagnostics.is_empty() {
            with_errors += 1;
            // Every diagnostic points inside its file.
            for d in &out.diagnostics {
                let src = db.get(d.span.file).expect("diagnostic file exists");
                assert!(d.span.start <= d.span.end && (d.span.end as usize) <= src.text.len());
            }
        }
    }
    // The mutations must actually break things most of the time, or the test proves nothing.
    assert!(
        with_errors > rounds / 2,
        "only {with_errors} of {rounds} mutations produced diagnostics"
    );
}
