#!/usr/bin/env python3
"""Build marsad's character encoder from the rawi_v2 diacritizer that text2tashkeel ships.

    pip install -e '.[encoder]'      # text2tashkeel==0.1.0 and onnx (build time only)
    python scripts/build_char_encoder.py

rawi_v2 is a two-layer bidirectional character LSTM (hidden size 256, int8 weights) trained to put the
short vowels on Arabic text; to do that it has to read each letter in the context of its word and its
neighbours, which is what an entity tagger needs too. The diacritic classifier on top is not used: this
script exposes the states of both LSTM layers as outputs instead, and writes

    src/marsad/data/models/char-encoder.onnx         the graph (weights unchanged)
    src/marsad/data/models/char-encoder.vocab.json   its character index

Apache-2.0, like text2tashkeel; the model card (data/models/ner-encoder.md) names the source. The
output is deterministic, so a rebuild reproduces the committed files byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

from marsad.stages.ner_encoder import HIDDEN  # the encoder's state size, as marsad reads it

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "marsad" / "data" / "models"
MODEL_NAME = "rawi_v2"
# Names of the two LSTM nodes' state outputs in rawi_v2's graph, first layer first.
LAYER_STATES = ("/lstm/LSTM_output_0", "/lstm/LSTM_1_output_0")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="where to write the two files")
    out_dir: Path = parser.parse_args(argv).out_dir
    try:
        import onnx
        from onnx import TensorProto, helper
    except ImportError:
        print("build_char_encoder: needs onnx and text2tashkeel: pip install -e '.[encoder]'", file=sys.stderr)
        return 1
    try:
        package = resources.files("text2tashkeel").joinpath("models")
    except ModuleNotFoundError:
        print("build_char_encoder: text2tashkeel is not installed: pip install -e '.[encoder]'", file=sys.stderr)
        return 1
    model = onnx.load_from_string(package.joinpath(f"{MODEL_NAME}.int8.onnx").read_bytes())
    graph = model.graph
    lstm_nodes = [n for n in graph.node if n.op_type in ("LSTM", "DynamicQuantizeLSTM")]
    if [n.output[0] for n in lstm_nodes] != list(LAYER_STATES):
        print(f"build_char_encoder: {MODEL_NAME} is not the graph this script knows (LSTM outputs differ)",
              file=sys.stderr)
        return 1
    # Keep only the states: the diacritic scores are not needed.
    del graph.output[:]
    for name in LAYER_STATES:
        graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["seq", 2, "batch", HIDDEN]))
    onnx.checker.check_model(model)
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(out_dir / "char-encoder.onnx"))
    vocab = json.loads(package.joinpath(f"{MODEL_NAME}.vocab.json").read_text(encoding="utf-8"))
    (out_dir / "char-encoder.vocab.json").write_text(
        json.dumps(vocab["char_to_idx"], ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out_dir / 'char-encoder.onnx'} and its vocabulary ({len(vocab['char_to_idx'])} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
