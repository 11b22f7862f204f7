"""The neural tagger's head in torch, for training and export only (marsad runs the exported ONNX file).

HeadNet: token vectors -> dropout -> linear projection (ReLU); lexicon tags -> linear; both into a
two-layer BiLSTM over the sentence; dropout; a linear layer to one score per BIO label; a linear-chain
CRF (start, end and transition scores) trained by its log-likelihood.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from torch import nn

from marsad.stages.ner_encoder import HEAD_INPUTS, HEAD_OUTPUT, HeadMeta

Example = tuple[torch.Tensor, torch.Tensor, torch.Tensor]  # vectors [T, D], lexicon [T, L], labels [T]


class HeadNet(nn.Module):
    def __init__(self, vector_size: int, lexicon_tags: int, labels: int, p: dict[str, Any]) -> None:
        super().__init__()
        self.drop = nn.Dropout(p["dropout"])
        self.project = nn.Linear(vector_size, p["projection"])
        self.lexicon = nn.Linear(lexicon_tags, p["lexicon_size"])
        self.rnn = nn.LSTM(p["projection"] + p["lexicon_size"], p["hidden"], num_layers=2, bidirectional=True,
                           batch_first=True, dropout=p["dropout"])
        self.out = nn.Linear(2 * p["hidden"], labels)
        self.start = nn.Parameter(torch.zeros(labels))
        self.end = nn.Parameter(torch.zeros(labels))
        self.transitions = nn.Parameter(torch.zeros(labels, labels))

    def forward(self, vectors: torch.Tensor, lexicon: torch.Tensor) -> torch.Tensor:
        """Emission scores [batch, T, labels] of unpadded sentences (the exported graph)."""
        x = torch.cat([torch.relu(self.project(self.drop(vectors))), self.lexicon(lexicon)], -1)
        h, _ = self.rnn(x)
        return self.out(self.drop(h))

    def emissions(self, batch: list[Example]) -> torch.Tensor:
        vectors = nn.utils.rnn.pad_sequence([e[0] for e in batch], batch_first=True)
        lexicon = nn.utils.rnn.pad_sequence([e[1] for e in batch], batch_first=True)
        x = torch.cat([torch.relu(self.project(self.drop(vectors))), self.lexicon(lexicon)], -1)
        lengths = torch.tensor([len(e[2]) for e in batch])
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.rnn(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=vectors.shape[1])
        return self.out(self.drop(h))

    def loss(self, batch: list[Example]) -> torch.Tensor:
        """Mean negative log-likelihood of the gold label sequences under the CRF."""
        em = self.emissions(batch)
        n, length, _ = em.shape
        y = torch.zeros(n, length, dtype=torch.long)
        mask = torch.zeros(n, length, dtype=torch.bool)
        for b, e in enumerate(batch):
            y[b, : len(e[2])] = e[2]
            mask[b, : len(e[2])] = True
        gold = self.start[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
        alpha = self.start + em[:, 0]
        for t in range(1, length):
            on = mask[:, t]
            step = self.transitions[y[:, t - 1], y[:, t]] + em[:, t].gather(1, y[:, t : t + 1]).squeeze(1)
            gold = gold + torch.where(on, step, torch.zeros_like(gold))
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.transitions.unsqueeze(0), 1) + em[:, t]
            alpha = torch.where(on.unsqueeze(1), nxt, alpha)
        last = y.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        gold = gold + self.end[last]
        return (torch.logsumexp(alpha + self.end, 1) - gold).mean()

    def crf_scores(self) -> tuple[Any, Any, Any]:
        return (self.start.detach().numpy().copy(), self.end.detach().numpy().copy(),
                self.transitions.detach().numpy().copy())


def export_head(net: HeadNet, out: Path, meta: HeadMeta) -> None:
    """`out` (ONNX, int8 weights by dynamic quantization) and `out`.json (lexicon tags and CRF scores)."""
    import logging
    import tempfile
    import warnings

    from onnxruntime.quantization import QuantType, quantize_dynamic

    vector_size = net.project.in_features
    lexicon_size = net.lexicon.in_features
    example = (torch.zeros(1, 3, vector_size), torch.zeros(1, 3, lexicon_size))
    # The exporter warns about LSTMs and batch sizes (the graph always runs one sentence) and the
    # quantizer about a pre-processing step that matters for convolutions, not for this graph.
    logging.getLogger().setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        full = Path(tmp) / "head.onnx"
        torch.onnx.export(net, example, str(full), input_names=list(HEAD_INPUTS), output_names=[HEAD_OUTPUT],
                          dynamic_axes={name: {1: "tokens"} for name in (*HEAD_INPUTS, HEAD_OUTPUT)},
                          opset_version=17, dynamo=False)
        quantize_dynamic(str(full), str(out), weight_type=QuantType.QInt8)
    out.with_suffix(".json").write_text(json.dumps(meta.to_json(), indent=1) + "\n", encoding="utf-8")
