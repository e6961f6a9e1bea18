"""wijksim.open_sweep on a sweep the program itself ran and merged (issue 8: "the Python package
loads a merged sweep as one data frame"), not on a fixture written with h5py: `wijksim sweep`
of tests/sweep/data/tiny_grid.toml (3 values of informal.ask_probability x 2 arms x 2
replicates = 12 runs of a 300-dwelling neighbourhood for one year), then `wijksim merge`.

The frame must have one row per run, in the merged file's run order, with the run's point,
arm, replicate, the varied parameter and one column per outcome, each value equal to the
merged summary table (/sweep) and to what the run recorded on its own group in the shard file.

Environment: WIJKSIM_BINARY, WIJKSIM_TEST_SWEEP_SPEC, WIJKSIM_TEST_SWEEP_SCRATCH (a directory
this test may empty), PYTHONPATH with analysis/python.
Run with Debian's interpreter: /usr/bin/python3 -m unittest -v test_sweep_from_program
"""
import os
import shutil
import subprocess
import unittest

import h5py
import numpy as np

import wijksim

SWEPT = "informal.ask_probability"
VALUES = [0.2, 0.5, 0.8]  # tiny_grid.toml
ARMS = ["expert", "wraparound"]
REPLICATES = 2


def program(*args):
    done = subprocess.run([os.environ["WIJKSIM_BINARY"], *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wijksim {' '.join(args)} exited {done.returncode}: {done.stderr}")


class SweepFromProgram(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        scratch = os.environ["WIJKSIM_TEST_SWEEP_SCRATCH"]
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        shards = os.path.join(scratch, "shards")
        cls.path = os.path.join(scratch, "merged.h5")
        program("sweep", os.environ["WIJKSIM_TEST_SWEEP_SPEC"], "--out", shards, "--threads", "2", "--quiet")
        program("merge", shards, "--out", cls.path)
        cls.frame = wijksim.open_sweep(cls.path)
        with h5py.File(cls.path, "r") as f:
            s = f["sweep"]
            cls.table = {name: s[name][()] for name in s}
        # Before merging, each run carries its own point, arm, replicate and outcomes (merge
        # moves the outcomes into the table): the shard file is the runs' own record.
        with h5py.File(os.path.join(shards, "shard-0-of-1.h5"), "r") as f:
            cls.run_attributes = {run_id: dict(f["runs"][run_id].attrs) for run_id in f["runs"]}
        cls.run_ids = [r.decode() if isinstance(r, bytes) else str(r) for r in cls.table["run"]]
        cls.outcomes = [o.decode() if isinstance(o, bytes) else str(o) for o in cls.table["outcome"]]

    def test_one_row_per_run_in_the_files_order(self):
        self.assertEqual(len(self.run_ids), len(VALUES) * len(ARMS) * REPLICATES)
        self.assertEqual(list(self.frame.run_id), self.run_ids)
        self.assertEqual(sorted(self.run_attributes), sorted(self.run_ids))

    def test_columns_are_the_design_the_varied_parameter_and_the_outcomes(self):
        self.assertGreater(len(self.outcomes), 0)
        self.assertEqual(list(self.frame.columns),
                         ["run_id", "point", "arm", "arm_index", "replicate", SWEPT, *self.outcomes])
        self.assertEqual(self.frame.attrs["parameters"], [SWEPT])
        self.assertEqual(self.frame.attrs["outcomes"], self.outcomes)
        self.assertEqual(self.frame.attrs["design"], "grid")

    def test_the_varied_parameter_follows_the_grid(self):
        for _, row in self.frame.iterrows():
            self.assertEqual(row[SWEPT], VALUES[row["point"]], row["run_id"])
            self.assertEqual(row["arm"], ARMS[row["arm_index"]], row["run_id"])
        counts = self.frame.groupby([SWEPT, "arm"]).size()
        self.assertEqual(counts.tolist(), [REPLICATES] * len(VALUES) * len(ARMS))

    def test_values_equal_the_merged_summary_table(self):
        f = self.frame
        np.testing.assert_array_equal(f["point"].to_numpy(), self.table["point"])
        np.testing.assert_array_equal(f["replicate"].to_numpy(), self.table["replicate"])
        np.testing.assert_array_equal(f["arm_index"].to_numpy(), self.table["arm_index"])
        self.assertEqual(list(f["arm"]), [a.decode() if isinstance(a, bytes) else str(a) for a in self.table["arm"]])
        np.testing.assert_array_equal(f[[SWEPT]].to_numpy(), self.table["parameter_value"])
        np.testing.assert_array_equal(f[self.outcomes].to_numpy(), self.table["outcome_value"])
        self.assertTrue(np.isfinite(f[self.outcomes].to_numpy()).all(), "an outcome is not a number")

    def test_each_row_is_what_its_run_recorded_in_the_shard(self):
        for _, row in self.frame.iterrows():
            recorded = self.run_attributes[row["run_id"]]
            self.assertEqual(int(recorded["point"]), row["point"], row["run_id"])
            self.assertEqual(int(recorded["replicate"]), row["replicate"], row["run_id"])
            arm = recorded["arm"]
            self.assertEqual(arm.decode() if isinstance(arm, bytes) else str(arm), row["arm"], row["run_id"])
            np.testing.assert_array_equal(np.asarray(recorded["outcome_value"], dtype=float),
                                          row[self.outcomes].to_numpy(dtype=float), err_msg=row["run_id"])

    def test_outcomes_differ_between_runs(self):
        # A loader that repeated one row, or a sweep whose runs were all alike, would pass the
        # checks above if the table were wrong in the same way; the runs are not alike.
        self.assertGreater(len({tuple(r) for r in self.frame[self.outcomes].to_numpy()}), 1)


if __name__ == "__main__":
    unittest.main()
