//! A small layered (Sugiyama-style) layout of boxes and labelled arrows, left to right:
//! cycles broken by reversing the back edges a depth-first search finds, longest-path layers
//! (boxes marked `left_first` — the victim's own accounts — are kept left of the others),
//! dummy points for arrows that span several layers, crossings reduced by barycenter sweeps,
//! boxes placed in columns and moved toward their neighbours without overlapping, and each
//! arrow's label set in the gap between two columns on its own horizontal track, the tracks
//! pushed apart so no two labels overlap.
//!
//! Written here rather than taken from a crate: the layered-layout crates on crates.io
//! (`rust-sugiyama`, `layout-rs`) place points, not boxes sized from their text with labels
//! kept clear of each other, and are little used; this is about 500 lines and unit-tested.
//!
//! Units are points, y grows downward (see [`super::text`]).

use std::collections::HashSet;

/// Space around the whole picture.
pub const MARGIN: f64 = 16.0;
/// Least space between two boxes (or an arrow passing through) in one column.
pub const ITEM_GAP_Y: f64 = 20.0;
/// Width of the strip at each side of a gap where arrows bend from their box to their track.
pub const SLOPE: f64 = 28.0;
/// Least width of the gap between two columns.
pub const MIN_GAP: f64 = 72.0;
/// Least space between two tracks (a label and the next arrow's line) in a gap.
pub const TRACK_GAP: f64 = 6.0;
/// How far below its arrow's line a label's box starts.
pub const LINE_ABOVE_LABEL: f64 = 3.0;
/// Height reserved for an arrow passing through a column.
const DUMMY_HEIGHT: f64 = 2.0;
/// Barycenter and placement sweeps.
const SWEEPS: usize = 8;

/// A box to place.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub width: f64,
    pub height: f64,
    /// Keep it left of the boxes it is linked with (the victim's own accounts).
    pub left_first: bool,
}

/// An arrow to draw, with the size of its label.
#[derive(Debug, Clone, Copy)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub label_width: f64,
    pub label_height: f64,
}

/// Where a box went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedShape {
    pub layer: u32,
    pub x: f64,
    pub y: f64,
}

/// An arrow's polyline (first point on its source's side, last on its target's) and its
/// label's box `[x, y, width, height]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedArrow {
    pub points: Vec<[f64; 2]>,
    pub label: [f64; 4],
}

/// The placed picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub shapes: Vec<PlacedShape>,
    pub arrows: Vec<PlacedArrow>,
    pub width: f64,
    pub height: f64,
}

/// One thing in a column: a box, or an arrow passing through.
struct Item {
    layer: usize,
    height: f64,
    /// The box, or `None` for a point an arrow passes through.
    shape: Option<usize>,
}

/// A piece of an arrow inside one gap, or a loop from a box back to itself.
struct Segment {
    arrow: usize,
    /// Index in the arrow's chain of its left end (`usize::MAX` for a loop).
    step: usize,
    left: usize,
    right: usize,
    labelled: bool,
    height: f64,
    desired: f64,
    top: f64,
}

/// Places `shapes` and `arrows`.
pub fn place(shapes: &[Shape], arrows: &[Arrow]) -> Placed {
    let n = shapes.len();
    let oriented = orient(shapes, arrows);
    let layer = layers(n, shapes, &oriented);
    let layer_count = layer.iter().copied().max().map_or(1, |m| m + 1);

    // Items: the boxes first, then a point per layer an arrow passes through.
    let mut items: Vec<Item> = (0..n)
        .map(|i| Item {
            layer: layer[i],
            height: shapes[i].height,
            shape: Some(i),
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(arrows.len());
    for pair in &oriented {
        let mut chain = Vec::new();
        if let Some((u, v)) = *pair {
            chain.push(u);
            for l in layer[u] + 1..layer[v] {
                items.push(Item {
                    layer: l,
                    height: DUMMY_HEIGHT,
                    shape: None,
                });
                chain.push(items.len() - 1);
            }
            chain.push(v);
        }
        chains.push(chain);
    }
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for chain in &chains {
        for w in chain.windows(2) {
            down[w[0]].push(w[1]);
            up[w[1]].push(w[0]);
        }
    }
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (i, item) in items.iter().enumerate() {
        columns[item.layer].push(i);
    }
    order(&mut columns, &up, &down, items.len());

    // x: columns as wide as their widest box, gaps as wide as their widest label.
    let col_width: Vec<f64> = columns
        .iter()
        .map(|c| {
            c.iter()
                .filter_map(|i| items[*i].shape.map(|s| shapes[s].width))
                .fold(8.0, f64::max)
        })
        .collect();
    let reversed: Vec<bool> = oriented
        .iter()
        .zip(arrows)
        .map(|(p, a)| p.is_some_and(|(u, _)| u != a.from))
        .collect();
    // The gap each arrow's label goes in: next to the arrow's real source.
    let label_gap: Vec<usize> = (0..arrows.len())
        .map(|a| match (chains[a].first(), chains[a].last()) {
            (Some(_), Some(v)) if reversed[a] => items[*v].layer - 1,
            (Some(u), Some(_)) => items[*u].layer,
            _ => layer[arrows[a].from],
        })
        .collect();
    let gap_count = label_gap
        .iter()
        .copied()
        .max()
        .map_or(0, |g| g + 1)
        .max(layer_count - 1);
    let mut gap_width = vec![MIN_GAP; gap_count];
    for (a, arrow) in arrows.iter().enumerate() {
        let extra = if chains[a].is_empty() { 8.0 } else { 0.0 };
        let g = &mut gap_width[label_gap[a]];
        *g = g.max(arrow.label_width + 2.0 * SLOPE + extra);
    }
    let mut col_x = vec![MARGIN; layer_count];
    let mut gap_x = vec![0.0; gap_count];
    let mut x = MARGIN;
    for l in 0..layer_count.max(gap_count) {
        if l < layer_count {
            col_x[l] = x;
            x += col_width[l];
        }
        if l < gap_count {
            gap_x[l] = x;
            x += gap_width[l];
        }
    }
    let width = x + MARGIN;

    // y: stacked, then moved toward their neighbours, never overlapping.
    let mut top = vec![0.0; items.len()];
    for column in &columns {
        let mut y = 0.0;
        for i in column {
            top[*i] = y;
            y += items[*i].height + ITEM_GAP_Y;
        }
    }
    let center = |top: &[f64], i: usize| top[i] + items[i].height / 2.0;
    for sweep in 0..SWEEPS * 2 {
        let downward = sweep % 2 == 0;
        let range: Vec<usize> = if downward {
            (1..layer_count).collect()
        } else {
            (0..layer_count.saturating_sub(1)).rev().collect()
        };
        for l in range {
            let column = &columns[l];
            let desired: Vec<f64> = column
                .iter()
                .map(|i| {
                    let near = if downward { &up[*i] } else { &down[*i] };
                    if near.is_empty() {
                        top[*i]
                    } else {
                        near.iter().map(|j| center(&top, *j)).sum::<f64>() / near.len() as f64
                            - items[*i].height / 2.0
                    }
                })
                .collect();
            let heights: Vec<f64> = column.iter().map(|i| items[*i].height).collect();
            for (i, t) in column
                .iter()
                .zip(push_apart(&desired, &heights, ITEM_GAP_Y))
            {
                top[*i] = t;
            }
        }
    }

    // Segments of arrows in each gap, and loops, on tracks pushed apart.
    let mut gaps: Vec<Vec<Segment>> = (0..gap_count).map(|_| Vec::new()).collect();
    for (a, chain) in chains.iter().enumerate() {
        let label_step = if reversed[a] {
            chain.len().saturating_sub(2)
        } else {
            0
        };
        for (step, w) in chain.windows(2).enumerate() {
            let labelled = step == label_step;
            let (yl, yr) = (center(&top, w[0]), center(&top, w[1]));
            gaps[items[w[0]].layer].push(Segment {
                arrow: a,
                step,
                left: w[0],
                right: w[1],
                labelled,
                height: if labelled {
                    LINE_ABOVE_LABEL + arrows[a].label_height
                } else {
                    0.0
                },
                desired: (yl + yr) / 2.0,
                top: 0.0,
            });
        }
        if chain.is_empty() {
            let s = arrows[a].from;
            let h = LINE_ABOVE_LABEL + arrows[a].label_height + 3.0;
            gaps[label_gap[a]].push(Segment {
                arrow: a,
                step: usize::MAX,
                left: s,
                right: s,
                labelled: true,
                height: h,
                desired: center(&top, s) - h / 2.0,
                top: 0.0,
            });
        }
    }
    for segments in &mut gaps {
        segments.sort_by(|p, q| {
            p.desired
                .total_cmp(&q.desired)
                .then(center(&top, p.left).total_cmp(&center(&top, q.left)))
                .then(center(&top, p.right).total_cmp(&center(&top, q.right)))
                .then(p.arrow.cmp(&q.arrow))
        });
        let desired: Vec<f64> = segments.iter().map(|s| s.desired).collect();
        let heights: Vec<f64> = segments.iter().map(|s| s.height).collect();
        for (s, t) in segments
            .iter_mut()
            .zip(push_apart(&desired, &heights, TRACK_GAP))
        {
            s.top = t;
        }
    }

    // Ports: where arrows meet a box's side, in the order of their tracks so they never cross
    // at the box.
    let mut right_ports: Vec<Vec<(f64, usize, usize, bool)>> = vec![Vec::new(); n];
    let mut left_ports: Vec<Vec<(f64, usize, usize)>> = vec![Vec::new(); n];
    for segments in &gaps {
        for s in segments {
            if s.step == usize::MAX {
                right_ports[s.left].push((s.top, s.arrow, s.step, false));
                right_ports[s.left].push((s.top + s.height, s.arrow, s.step, true));
                continue;
            }
            if items[s.left].shape.is_some() {
                right_ports[s.left].push((s.top, s.arrow, s.step, false));
            }
            if items[s.right].shape.is_some() {
                left_ports[s.right].push((s.top, s.arrow, s.step));
            }
        }
    }
    let port_y = |shape: usize, index: usize, count: usize| {
        top[shape] + shapes[shape].height * (index + 1) as f64 / (count + 1) as f64
    };
    let mut exit = std::collections::HashMap::new();
    let mut entry = std::collections::HashMap::new();
    for s in 0..n {
        right_ports[s].sort_by(|p, q| p.0.total_cmp(&q.0));
        left_ports[s].sort_by(|p, q| p.0.total_cmp(&q.0));
        let count = right_ports[s].len();
        for (i, (_, a, step, back)) in right_ports[s].iter().enumerate() {
            exit.insert((*a, *step, *back), port_y(s, i, count));
        }
        let count = left_ports[s].len();
        for (i, (_, a, step)) in left_ports[s].iter().enumerate() {
            entry.insert((*a, *step), port_y(s, i, count));
        }
    }

    // Polylines and labels.
    let mut placed_arrows: Vec<PlacedArrow> = arrows
        .iter()
        .map(|_| PlacedArrow {
            points: Vec::new(),
            label: [0.0; 4],
        })
        .collect();
    for (g, segments) in gaps.iter().enumerate() {
        let (gs, ge) = (gap_x[g], gap_x[g] + gap_width[g]);
        for s in segments {
            let a = s.arrow;
            let (lw, lh) = (arrows[a].label_width, arrows[a].label_height);
            let p = &mut placed_arrows[a];
            if s.labelled {
                p.label = [gs + SLOPE, s.top + LINE_ABOVE_LABEL, lw, lh];
            }
            if s.step == usize::MAX {
                let right = col_x[items[s.left].layer] + shapes[s.left].width;
                let y1 = exit.get(&(a, s.step, false)).copied().unwrap_or(s.top);
                let y2 = exit.get(&(a, s.step, true)).copied().unwrap_or(s.top);
                let far = gs + SLOPE + lw + 4.0;
                let bottom = s.top + s.height;
                p.points = vec![
                    [right, y1],
                    [gs, y1],
                    [gs + SLOPE / 2.0, s.top],
                    [far, s.top],
                    [far, bottom],
                    [gs + SLOPE / 2.0, bottom],
                    [gs, y2],
                    [right, y2],
                ];
                continue;
            }
            let ys = match items[s.left].shape {
                Some(_) => exit.get(&(a, s.step, false)).copied().unwrap_or(s.top),
                None => center(&top, s.left),
            };
            let ye = match items[s.right].shape {
                Some(_) => entry.get(&(a, s.step)).copied().unwrap_or(s.top),
                None => center(&top, s.right),
            };
            if s.step == 0 {
                let shape = chains[a][0];
                p.points
                    .push([col_x[items[shape].layer] + shapes[shape].width, ys]);
            }
            p.points
                .extend([[gs, ys], [gs + SLOPE, s.top], [ge - SLOPE, s.top], [ge, ye]]);
        }
    }
    for (a, p) in placed_arrows.iter_mut().enumerate() {
        p.points.dedup();
        if reversed[a] {
            p.points.reverse();
        }
    }

    // Everything moved down so the highest thing is a margin from the top.
    let mut lowest = f64::INFINITY;
    let mut highest = f64::NEG_INFINITY;
    for s in 0..n {
        lowest = lowest.min(top[s]);
        highest = highest.max(top[s] + shapes[s].height);
    }
    for p in &placed_arrows {
        for [_, y] in &p.points {
            lowest = lowest.min(*y);
            highest = highest.max(*y);
        }
        lowest = lowest.min(p.label[1]);
        highest = highest.max(p.label[1] + p.label[3]);
    }
    if !lowest.is_finite() {
        lowest = 0.0;
        highest = 0.0;
    }
    let shift = MARGIN - lowest;
    for p in &mut placed_arrows {
        for point in &mut p.points {
            point[1] += shift;
        }
        p.label[1] += shift;
    }
    Placed {
        shapes: (0..n)
            .map(|s| PlacedShape {
                layer: layer[s] as u32,
                x: col_x[layer[s]],
                y: top[s] + shift,
            })
            .collect(),
        arrows: placed_arrows,
        width,
        height: highest - lowest + 2.0 * MARGIN,
    }
}

/// Each arrow as the layers see it, left to right (`None`: a loop). Arrows into a
/// `left_first` box from another are turned round, then the back edges of a depth-first
/// search from the `left_first` boxes are, so what is left has no cycle.
fn orient(shapes: &[Shape], arrows: &[Arrow]) -> Vec<Option<(usize, usize)>> {
    let n = shapes.len();
    let mut oriented: Vec<Option<(usize, usize)>> = arrows
        .iter()
        .map(|a| {
            if a.from == a.to {
                None
            } else if shapes[a.to].left_first && !shapes[a.from].left_first {
                Some((a.to, a.from))
            } else {
                Some((a.from, a.to))
            }
        })
        .collect();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (u, v) in oriented.iter().flatten() {
        out[*u].push(*v);
    }
    for o in &mut out {
        o.sort_unstable();
        o.dedup();
    }
    let mut roots: Vec<usize> = (0..n).collect();
    roots.sort_by_key(|i| !shapes[*i].left_first);
    let mut state = vec![0u8; n];
    let mut back: HashSet<(usize, usize)> = HashSet::new();
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        let mut stack = vec![(root, 0usize)];
        while let Some(&mut (u, ref mut next)) = stack.last_mut() {
            if let Some(&v) = out[u].get(*next) {
                *next += 1;
                match state[v] {
                    0 => {
                        state[v] = 1;
                        stack.push((v, 0));
                    }
                    1 => {
                        back.insert((u, v));
                    }
                    _ => {}
                }
            } else {
                state[u] = 2;
                stack.pop();
            }
        }
    }
    for pair in oriented.iter_mut().flatten() {
        if back.contains(pair) {
            *pair = (pair.1, pair.0);
        }
    }
    oriented
}

/// Longest-path layers of the acyclic arrows, every box that is not `left_first` right of
/// every one that is (the victim's own accounts form the left columns); a box that is not
/// `left_first` and has nothing coming in is then moved right next to the first box it points
/// to.
fn layers(n: usize, shapes: &[Shape], oriented: &[Option<(usize, usize)>]) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut pairs: Vec<(usize, usize)> = oriented.iter().flatten().copied().collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut indegree = vec![0usize; n];
    for (u, v) in &pairs {
        succ[*u].push(*v);
        indegree[*v] += 1;
    }
    let longest = |base: &dyn Fn(usize) -> usize| {
        let mut indegree = indegree.clone();
        let mut layer: Vec<usize> = (0..n).map(base).collect();
        let mut ready: Vec<usize> = (0..n).filter(|v| indegree[*v] == 0).collect();
        while let Some(u) = ready.pop() {
            for v in &succ[u] {
                layer[*v] = layer[*v].max(layer[u] + 1);
                indegree[*v] -= 1;
                if indegree[*v] == 0 {
                    ready.push(*v);
                }
            }
        }
        layer
    };
    let first = longest(&|_| 0);
    // Nothing points into the victim's side from outside (see `orient`), so their layers are
    // final; the others start right of them.
    let others_from = (0..n)
        .filter(|v| shapes[*v].left_first)
        .map(|v| first[v] + 1)
        .max()
        .unwrap_or(0);
    let mut layer = longest(&|v| if shapes[v].left_first { 0 } else { others_from });
    for s in 0..n {
        if indegree[s] == 0 && !shapes[s].left_first {
            if let Some(min) = succ[s].iter().map(|v| layer[*v]).min() {
                layer[s] = min.saturating_sub(1).max(others_from);
            }
        }
    }
    layer
}

/// Orders each column by barycenter sweeps (down, then up), keeping the order with the fewest
/// crossings seen.
fn order(columns: &mut [Vec<usize>], up: &[Vec<usize>], down: &[Vec<usize>], items: usize) {
    let mut pos = vec![0usize; items];
    let index = |columns: &[Vec<usize>], pos: &mut [usize]| {
        for c in columns {
            for (p, i) in c.iter().enumerate() {
                pos[*i] = p;
            }
        }
    };
    index(columns, &mut pos);
    let mut best = columns.to_vec();
    let mut best_crossings = crossings(columns, down, &pos);
    for sweep in 0..SWEEPS * 2 {
        if best_crossings == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let range: Vec<usize> = if downward {
            (1..columns.len()).collect()
        } else {
            (0..columns.len().saturating_sub(1)).rev().collect()
        };
        for l in range {
            let near = if downward { up } else { down };
            let keys: Vec<(f64, usize)> = columns[l]
                .iter()
                .map(|i| {
                    let k = if near[*i].is_empty() {
                        pos[*i] as f64
                    } else {
                        near[*i].iter().map(|j| pos[*j] as f64).sum::<f64>() / near[*i].len() as f64
                    };
                    (k, *i)
                })
                .collect();
            let mut keyed = keys;
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(pos[a.1].cmp(&pos[b.1])));
            columns[l] = keyed.into_iter().map(|(_, i)| i).collect();
            for (p, i) in columns[l].iter().enumerate() {
                pos[*i] = p;
            }
        }
        let c = crossings(columns, down, &pos);
        if c < best_crossings {
            best_crossings = c;
            best = columns.to_vec();
        }
    }
    columns.clone_from_slice(&best);
}

/// Crossings between adjacent columns: strict inversions of the lower ends once the arrows are
/// sorted by their upper ends (counted with a Fenwick tree).
fn crossings(columns: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for l in 0..columns.len().saturating_sub(1) {
        let mut pairs: Vec<(usize, usize)> = columns[l]
            .iter()
            .flat_map(|a| down[*a].iter().map(move |b| (pos[*a], pos[*b])))
            .collect();
        pairs.sort_unstable();
        let size = columns[l + 1].len() + 1;
        let mut tree = vec![0usize; size + 1];
        for (seen, (_, b)) in pairs.iter().enumerate() {
            // Arrows seen so far whose lower end is at most b.
            let mut at_most = 0;
            let mut i = b + 1;
            while i > 0 {
                at_most += tree[i];
                i &= i - 1;
            }
            total += seen - at_most;
            let mut i = b + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Tops as close to `desired` as they can be (least squares) keeping their order and `gap`
/// between them: pool-adjacent-violators on the tops less the room the earlier ones take.
pub fn push_apart(desired: &[f64], heights: &[f64], gap: f64) -> Vec<f64> {
    let mut offset = Vec::with_capacity(desired.len());
    let mut room = 0.0;
    for h in heights {
        offset.push(room);
        room += h + gap;
    }
    // Blocks of (sum of targets, count); each block's value is their mean.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (d, o) in desired.iter().zip(&offset) {
        blocks.push((d - o, 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 > s2 / c2 as f64 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s1 + s2, c1 + c2);
            } else {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (sum, count) in blocks {
        let value = sum / count as f64;
        for _ in 0..count {
            out.push(value + offset[out.len()]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushing_apart_keeps_order_and_moves_as_little_as_it_can() {
        assert_eq!(
            push_apart(&[0.0, 100.0], &[10.0, 10.0], 5.0),
            vec![0.0, 100.0]
        );
        // Two boxes wanting the same place share the move.
        assert_eq!(
            push_apart(&[50.0, 50.0], &[10.0, 10.0], 10.0),
            vec![40.0, 60.0]
        );
        let tops = push_apart(&[30.0, 0.0, 10.0], &[10.0, 10.0, 10.0], 2.0);
        assert!(
            tops[1] >= tops[0] + 12.0 - 1e-9 && tops[2] >= tops[1] + 12.0 - 1e-9,
            "{tops:?}"
        );
        // The three share the move: their mean stays where the wishes' mean was.
        assert!(((tops[0] + tops[1] + tops[2]) / 3.0 - 40.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn crossings_are_counted() {
        // a0→b1 and a1→b0 cross once.
        let columns = vec![vec![0, 1], vec![2, 3]];
        let down = vec![vec![3], vec![2], vec![], vec![]];
        let pos = vec![0, 1, 0, 1];
        assert_eq!(crossings(&columns, &down, &pos), 1);
        let down = vec![vec![2], vec![3], vec![], vec![]];
        assert_eq!(crossings(&columns, &down, &pos), 0);
    }
}
