#!/usr/bin/env python3
"""Writes a synthetic credit-card transactions data set for the fraud-detection example.

Only the Python standard library is used, so it runs on a fresh machine:

    python3 generate_data.py            # 20,000 transactions, about 2% fraud
    python3 generate_data.py --rows 200000 --seed 7

Outputs (CSV without a header, label first, as SageMaker's built-in XGBoost expects):
    data/train/train.csv            80% of the rows
    data/validation/validation.csv  20% of the rows
    payload.csv                     a few unlabelled rows to send to the endpoint
"""
import argparse
import csv
import math
import os
import random

FEATURES = [
    "amount",                   # purchase amount in USD
    "hour",                     # hour of day, 0-23
    "distance_from_home_km",
    "distance_from_last_km",
    "ratio_to_median_purchase",
    "repeat_retailer",          # 1 if the card was used at this merchant before
    "used_chip",
    "used_pin",
    "online_order",
    "merchant_risk",            # 0 (groceries) .. 4 (electronics, gift cards)
]


def transaction(rng):
    online = 1 if rng.random() < 0.35 else 0
    merchant_risk = rng.choices([0, 1, 2, 3, 4], weights=[30, 25, 20, 15, 10])[0]
    amount = round(rng.lognormvariate(3.6 + 0.35 * merchant_risk, 0.9), 2)
    hour = rng.choices(range(24), weights=[2, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 10, 11, 10, 9, 9, 9, 10, 11, 11, 9, 7, 5, 3])[0]
    home = round(rng.expovariate(1 / 12.0), 2)
    last = round(rng.expovariate(1 / 4.0), 2)
    ratio = round(amount / max(1.0, rng.lognormvariate(3.8, 0.5)), 4)
    repeat = 1 if rng.random() < 0.85 else 0
    chip = 0 if online else (1 if rng.random() < 0.7 else 0)
    pin = 0 if online else (1 if rng.random() < 0.3 else 0)

    # A hidden risk score: what a fraud analyst would look for, plus noise.
    score = (
        -6.2
        + 1.3 * math.log1p(ratio)
        + 0.018 * min(home, 200)
        + 0.06 * min(last, 60)
        + 1.1 * online
        - 1.4 * chip
        - 1.8 * pin
        - 0.9 * repeat
        + 0.35 * merchant_risk
        + (0.9 if hour < 5 else 0.0)
        + rng.gauss(0, 0.6)
    )
    fraud = 1 if rng.random() < 1 / (1 + math.exp(-score)) else 0
    return fraud, [amount, hour, home, last, ratio, repeat, chip, pin, online, merchant_risk]


def write_csv(path, rows):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20000, help="number of transactions (default 20000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42: the same data every time)")
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)), help="folder to write into (default: this folder)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    rows = []
    for _ in range(args.rows):
        label, features = transaction(rng)
        rows.append([label] + features)
    split = int(len(rows) * 0.8)
    write_csv(os.path.join(args.out, "data", "train", "train.csv"), rows[:split])
    write_csv(os.path.join(args.out, "data", "validation", "validation.csv"), rows[split:])
    # The endpoint takes the features only, in the same order.
    write_csv(os.path.join(args.out, "payload.csv"), [features for _, *features in rows[split : split + 5]])

    frauds = sum(row[0] for row in rows)
    print(f"{len(rows)} transactions, {frauds} fraudulent ({100.0 * frauds / len(rows):.1f}%)")
    print(f"features: {', '.join(FEATURES)}")
    print(f"wrote data/train/train.csv ({split} rows), data/validation/validation.csv ({len(rows) - split} rows), payload.csv")


if __name__ == "__main__":
    main()
