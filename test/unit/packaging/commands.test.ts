// The commands as users find them: in the Command Palette by the words they look for, under the
// SageMaker category, and in context menus grouped with separators.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Command {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
}
interface MenuItem {
  readonly command?: string;
  readonly submenu?: string;
  readonly when?: string;
  readonly group?: string;
}
interface Manifest {
  readonly contributes: { readonly commands: Command[]; readonly menus: Record<string, MenuItem[]> };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const { commands, menus } = manifest.contributes;
const hidden = new Set((menus.commandPalette ?? []).filter((item) => item.when === 'false').map((item) => item.command));
/** What the Command Palette shows and searches: "Category: Title". */
const palette = commands.filter((command) => !hidden.has(command.command)).map((command) => ({ ...command, shown: `${command.category ?? ''}: ${command.title}` }));
const find = (word: string) => palette.filter((command) => command.shown.toLowerCase().includes(word)).map((command) => command.command);

describe('commands in the manifest', () => {
  it('are all in the SageMaker category, and no title repeats it', () => {
    for (const command of commands) {
      assert.equal(command.category, 'SageMaker', `${command.command} has no SageMaker category`);
      assert.doesNotMatch(command.title, /^SageMaker\b/, `${command.command}: "${command.title}" repeats the category`);
    }
  });

  it('have titles that differ from each other', () => {
    const titles = commands.map((command) => command.title);
    assert.deepEqual(titles.filter((title, index) => titles.indexOf(title) !== index), []);
  });

  it('are found by the words users search for', () => {
    const cost = find('cost');
    for (const id of ['sagemaker.showBillingNow', 'sagemaker.scanBillingNow']) assert.ok(cost.includes(id), `"cost" does not find ${id}: ${cost.join(', ')}`);
    assert.ok(find('tuning').includes('sagemaker.launchSpec'), '"tuning" finds no launch');
    assert.ok(find('training').includes('sagemaker.launchSpec'), '"training" does not find Launch Spec');
    assert.ok(find('training').includes('sagemaker.newTrainingJob'), '"training" does not find New Training Job');
    assert.ok(find('dashboard').includes('sagemaker.openJobPanel'), '"dashboard" does not find the job panel');
  });

  it('say how look-alike commands differ', () => {
    const title = (id: string) => commands.find((command) => command.command === id)?.title ?? '';
    // One shows the list (and shuts down what is picked); the other only scans again.
    assert.notEqual(title('sagemaker.showBillingNow').split(' ')[0], title('sagemaker.scanBillingNow').split(' ')[0]);
    assert.doesNotMatch(title('sagemaker.showBillingNow'), /What Is Billing Now$/);
    assert.doesNotMatch(title('sagemaker.scanBillingNow'), /What Is Billing Now/);
    // One opens the job's dashboard (a webview); the other the raw Describe output.
    assert.match(title('sagemaker.openJobPanel'), /Dashboard/);
    assert.match(title('sagemaker.showDetails'), /Describe/);
  });

  it('give every menu item a group, and context menus groups that sort into separated sections', () => {
    for (const [menu, items] of Object.entries(menus)) {
      if (menu === 'commandPalette') continue;
      for (const item of items) {
        assert.ok(item.group, `${menu}: ${item.command ?? item.submenu} has no group`);
        if (menu === 'view/item/context' && !item.group.startsWith('inline')) {
          assert.match(item.group, /^\d_[a-z]+@\d+$/, `${menu}: ${item.command}: group ${item.group} is not like 1_open@1`);
        }
      }
    }
  });

  it('refer only to commands that exist', () => {
    const ids = new Set(commands.map((command) => command.command));
    for (const [menu, items] of Object.entries(menus)) for (const item of items) if (item.command) assert.ok(ids.has(item.command), `${menu}: ${item.command} is not a command`);
  });
});
