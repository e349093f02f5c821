"""Script-mode training for the fraud-detection example (runs inside SageMaker's XGBoost container).

SageMaker passes hyperparameters as command-line arguments and the data and model folders as
SM_* environment variables; this script trains a binary classifier and saves it where SageMaker
uploads it from (SM_MODEL_DIR -> model.tar.gz in the job's output path).
"""
import argparse
import os

import pandas as pd
import xgboost as xgb


def read(channel):
    folder = os.environ[f"SM_CHANNEL_{channel.upper()}"]
    frames = [pd.read_csv(os.path.join(folder, name), header=None) for name in sorted(os.listdir(folder)) if name.endswith(".csv")]
    data = pd.concat(frames)
    return xgb.DMatrix(data.iloc[:, 1:], label=data.iloc[:, 0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--num_round", type=int, default=200)
    parser.add_argument("--max_depth", type=int, default=5)
    parser.add_argument("--eta", type=float, default=0.2)
    args, _ = parser.parse_known_args()

    train, validation = read("train"), read("validation")
    params = {"objective": "binary:logistic", "eval_metric": "auc", "max_depth": args.max_depth, "eta": args.eta, "scale_pos_weight": 20}
    booster = xgb.train(params, train, args.num_round, evals=[(train, "train"), (validation, "validation")], early_stopping_rounds=20)
    booster.save_model(os.path.join(os.environ.get("SM_MODEL_DIR", "."), "xgboost-model"))


def model_fn(model_dir):
    """Loads the model when the same container serves it (SageMaker inference toolkit)."""
    booster = xgb.Booster()
    booster.load_model(os.path.join(model_dir, "xgboost-model"))
    return booster


if __name__ == "__main__":
    main()
